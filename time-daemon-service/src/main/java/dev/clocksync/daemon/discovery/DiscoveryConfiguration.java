package dev.clocksync.daemon.discovery;

import dev.clocksync.core.time.TimeSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    /** In Kubernetes Spring Cloud Kubernetes provides the client; elsewhere there is none. */
    @Bean
    AgentLocator agentLocator(ObjectProvider<KubernetesClient> client, TimeSource timeSource) {
        KubernetesClient kubernetes = client.getIfAvailable();
        return kubernetes == null ? AgentLocator.NONE : new KubernetesAgentLocator(kubernetes, timeSource);
    }
}

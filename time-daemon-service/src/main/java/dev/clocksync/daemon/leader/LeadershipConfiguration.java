package dev.clocksync.daemon.leader;

import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonIdentity;
import dev.clocksync.daemon.DaemonProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

    /**
     * A Lease election where Spring Cloud Kubernetes provides a client (the daemon runs in
     * Kubernetes) and election is enabled; otherwise this instance simply leads.
     */
    @Bean
    Leadership leadership(
            ObjectProvider<KubernetesClient> kubernetes,
            DaemonIdentity identity,
            DaemonProperties properties,
            TimeSource timeSource) {
        KubernetesClient client = kubernetes.getIfAvailable();
        DaemonProperties.Leader leader = properties.leader();
        if (client == null || !leader.enabled()) {
            return new StaticLeadership(identity.id(), timeSource.epochNanos() / 1_000_000);
        }
        String namespace = leader.namespace() != null && !leader.namespace().isBlank()
                ? leader.namespace()
                : client.getNamespace();
        return new LeaseLeadership(client, identity.id(), namespace, leader);
    }
}

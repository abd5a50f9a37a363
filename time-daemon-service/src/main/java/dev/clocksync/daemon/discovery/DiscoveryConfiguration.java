package dev.clocksync.daemon.discovery;

import dev.clocksync.daemon.DaemonProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    /**
     * In Kubernetes, where Spring Cloud Kubernetes provides a client, the agents' EndpointSlices;
     * elsewhere Spring Cloud's static instances.
     */
    @Bean
    AgentDirectory agentDirectory(
            ObjectProvider<KubernetesClient> kubernetes,
            ObjectProvider<DiscoveryClient> discoveryClient,
            DaemonProperties daemon,
            DiscoveryProperties discovery) {
        KubernetesClient client = kubernetes.getIfAvailable();
        if (client == null) {
            return new DiscoveryClientDirectory(discoveryClient.getObject(), daemon.agentServiceId());
        }
        String namespace =
                discovery.namespace() != null && !discovery.namespace().isBlank()
                        ? discovery.namespace()
                        : client.getNamespace();
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("The agents' namespace is unknown: set clocksync.daemon.discovery.namespace"
                    + " or spring.cloud.kubernetes.client.namespace");
        }
        return EndpointSliceDirectory.watch(client, namespace, daemon.agentServiceId(), discovery.portName());
    }
}

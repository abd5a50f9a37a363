package dev.clocksync.daemon.discovery;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Membership outside Kubernetes: the instances Spring Cloud's {@link DiscoveryClient} knows for
 * the agents' service id, in practice {@code spring.cloud.discovery.client.simple.instances},
 * whose metadata {@code pod}, {@code node} and {@code zone} name where each agent runs.
 */
final class DiscoveryClientDirectory implements AgentDirectory {

    private final DiscoveryClient discoveryClient;
    private final String serviceId;

    DiscoveryClientDirectory(DiscoveryClient discoveryClient, String serviceId) {
        this.discoveryClient = discoveryClient;
        this.serviceId = serviceId;
    }

    @Override
    public List<AgentEndpoint> members() {
        Map<String, AgentEndpoint> byKey = new LinkedHashMap<>();
        for (ServiceInstance instance : discoveryClient.getInstances(serviceId)) {
            AgentEndpoint endpoint = toEndpoint(instance);
            byKey.putIfAbsent(endpoint.key(), endpoint);
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing(AgentEndpoint::key))
                .toList();
    }

    private static AgentEndpoint toEndpoint(ServiceInstance instance) {
        Map<String, String> metadata = instance.getMetadata() == null ? Map.of() : instance.getMetadata();
        String key =
                instance.getInstanceId() != null && !instance.getInstanceId().isBlank()
                        ? instance.getInstanceId()
                        : instance.getUri().toString();
        return new AgentEndpoint(
                key,
                instance.getUri(),
                metadata.getOrDefault("pod", ""),
                metadata.getOrDefault("node", ""),
                metadata.getOrDefault("zone", ""));
    }
}

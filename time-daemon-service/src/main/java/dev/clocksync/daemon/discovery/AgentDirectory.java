package dev.clocksync.daemon.discovery;

import dev.clocksync.daemon.DaemonProperties;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * Current membership: asked anew of Spring Cloud's {@link DiscoveryClient} at the start of every
 * round, so agents that join or leave are seen by the next round. Outside Kubernetes the
 * instances come from {@code spring.cloud.discovery.client.simple.instances} (metadata {@code pod},
 * {@code node} and {@code zone} name them); in Kubernetes from the agents' Service, through Spring Cloud
 * Kubernetes, with pod and node names from the Service's Endpoints.
 */
@Component
public class AgentDirectory {

    private final DiscoveryClient discoveryClient;
    private final AgentLocator locator;
    private final String serviceId;

    AgentDirectory(DiscoveryClient discoveryClient, AgentLocator locator, DaemonProperties properties) {
        this.discoveryClient = discoveryClient;
        this.locator = locator;
        this.serviceId = properties.agentServiceId();
    }

    public List<AgentEndpoint> members() {
        List<ServiceInstance> instances = discoveryClient.getInstances(serviceId);
        Map<ServiceInstance, AgentLocator.Location> locations = locator.locate(serviceId, instances);
        Map<String, AgentEndpoint> byKey = new LinkedHashMap<>();
        for (ServiceInstance instance : instances) {
            AgentEndpoint endpoint = toEndpoint(instance, locations.get(instance));
            byKey.putIfAbsent(endpoint.key(), endpoint);
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing(AgentEndpoint::key))
                .toList();
    }

    /** Pod, node and zone come from the platform where it knows them, else from static metadata. */
    private static AgentEndpoint toEndpoint(ServiceInstance instance, AgentLocator.Location location) {
        Map<String, String> metadata = instance.getMetadata() == null ? Map.of() : instance.getMetadata();
        String key =
                instance.getInstanceId() != null && !instance.getInstanceId().isBlank()
                        ? instance.getInstanceId()
                        : instance.getUri().toString();
        String pod = location != null ? location.pod() : metadata.getOrDefault("pod", "");
        String node = location != null ? location.node() : metadata.getOrDefault("node", "");
        String zone = location != null ? location.zone() : metadata.getOrDefault("zone", "");
        return new AgentEndpoint(key, instance.getUri(), pod, node, zone);
    }
}

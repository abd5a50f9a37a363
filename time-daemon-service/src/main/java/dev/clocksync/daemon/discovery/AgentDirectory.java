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
 * instances come from {@code spring.cloud.discovery.client.simple.instances}.
 */
@Component
public class AgentDirectory {

    private final DiscoveryClient discoveryClient;
    private final String serviceId;

    AgentDirectory(DiscoveryClient discoveryClient, DaemonProperties properties) {
        this.discoveryClient = discoveryClient;
        this.serviceId = properties.agentServiceId();
    }

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
        String pod = metadata.getOrDefault("pod", "");
        String node = metadata.getOrDefault("node", "");
        return new AgentEndpoint(key, instance.getUri(), pod, node);
    }
}

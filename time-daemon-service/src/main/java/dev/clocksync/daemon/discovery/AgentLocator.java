package dev.clocksync.daemon.discovery;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;

/** Where agents run: pod, node and zone of discovered instances, where the platform knows them. */
interface AgentLocator {

    /** Pod and node by instance, for the instances of one round; missing entries are unknown. */
    Map<ServiceInstance, Location> locate(String serviceId, List<ServiceInstance> instances);

    record Location(String pod, String node, String zone) {}

    AgentLocator NONE = (serviceId, instances) -> Map.of();
}

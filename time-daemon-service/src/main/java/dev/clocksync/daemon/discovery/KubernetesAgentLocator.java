package dev.clocksync.daemon.discovery;

import dev.clocksync.core.time.TimeSource;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.kubernetes.commons.discovery.KubernetesServiceInstance;

/**
 * Spring Cloud Kubernetes' instances carry the pod's IP and uid but not its node: this reads the
 * agents' Endpoints (one GET per namespace and round) and takes the pod name and node name from
 * each address's targetRef and nodeName, and the zone from the node's
 * {@code topology.kubernetes.io/zone} label (nodes are read once an hour; without permission to
 * read nodes, zones stay empty).
 */
final class KubernetesAgentLocator implements AgentLocator {

    private static final Logger log = LoggerFactory.getLogger(KubernetesAgentLocator.class);

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final Duration ZONE_TTL = Duration.ofHours(1);

    private final KubernetesClient client;
    private final TimeSource timeSource;
    private final Map<String, CachedZone> zones = new ConcurrentHashMap<>();
    private volatile boolean mayReadNodes = true;

    KubernetesAgentLocator(KubernetesClient client, TimeSource timeSource) {
        this.client = client;
        this.timeSource = timeSource;
    }

    @Override
    public Map<ServiceInstance, Location> locate(String serviceId, List<ServiceInstance> instances) {
        Map<String, Map<String, Location>> byNamespace = new HashMap<>();
        Map<ServiceInstance, Location> located = new IdentityHashMap<>();
        for (ServiceInstance instance : instances) {
            if (!(instance instanceof KubernetesServiceInstance k8s) || k8s.getNamespace() == null) {
                continue;
            }
            Map<String, Location> addresses =
                    byNamespace.computeIfAbsent(k8s.getNamespace(), ns -> addresses(ns, serviceId));
            Location location = addresses.get(instance.getInstanceId());
            if (location == null) {
                location = addresses.get(instance.getHost());
            }
            if (location != null) {
                located.put(instance, location);
            }
        }
        return located;
    }

    private String zoneOf(String node) {
        if (node.isEmpty() || !mayReadNodes) {
            return "";
        }
        long now = timeSource.monotonicNanos();
        CachedZone cached = zones.get(node);
        if (cached != null && now - cached.readAtNanos() < ZONE_TTL.toNanos()) {
            return cached.zone();
        }
        try {
            Node found = client.nodes().withName(node).get();
            String zone = found == null || found.getMetadata().getLabels() == null
                    ? ""
                    : found.getMetadata().getLabels().getOrDefault(ZONE_LABEL, "");
            zones.put(node, new CachedZone(zone, now));
            return zone;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                mayReadNodes = false;
                log.warn("No permission to read nodes: agents' zones stay unknown ({})", e.getMessage());
            }
            return "";
        }
    }

    private record CachedZone(String zone, long readAtNanos) {}

    /** Locations by targetRef uid and by IP. */
    private Map<String, Location> addresses(String namespace, String serviceId) {
        Map<String, Location> locations = new HashMap<>();
        try {
            Endpoints endpoints = client.endpoints()
                    .inNamespace(namespace)
                    .withName(serviceId)
                    .get();
            if (endpoints == null || endpoints.getSubsets() == null) {
                return locations;
            }
            for (EndpointSubset subset : endpoints.getSubsets()) {
                for (EndpointAddress address :
                        Objects.requireNonNullElse(subset.getAddresses(), List.<EndpointAddress>of())) {
                    String pod = address.getTargetRef() != null
                                    && "Pod".equals(address.getTargetRef().getKind())
                            ? address.getTargetRef().getName()
                            : "";
                    String node = Objects.requireNonNullElse(address.getNodeName(), "");
                    Location location = new Location(pod, node, zoneOf(node));
                    if (address.getTargetRef() != null && address.getTargetRef().getUid() != null) {
                        locations.put(address.getTargetRef().getUid(), location);
                    }
                    locations.putIfAbsent(address.getIp(), location);
                }
            }
        } catch (KubernetesClientException e) {
            log.warn("Cannot read endpoints {}/{} for pod and node names: {}", namespace, serviceId, e.getMessage());
        }
        return locations;
    }
}

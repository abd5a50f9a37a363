package dev.clocksync.daemon.discovery;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.kubernetes.commons.discovery.KubernetesServiceInstance;

/**
 * Spring Cloud Kubernetes' instances carry the pod's IP and uid but not its node: this reads the
 * agents' Endpoints (one GET per namespace and round) and takes the pod name and node name from
 * each address's targetRef and nodeName.
 */
final class KubernetesAgentLocator implements AgentLocator {

    private static final Logger log = LoggerFactory.getLogger(KubernetesAgentLocator.class);

    private final KubernetesClient client;

    KubernetesAgentLocator(KubernetesClient client) {
        this.client = client;
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
                    Location location = new Location(pod, Objects.requireNonNullElse(address.getNodeName(), ""));
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

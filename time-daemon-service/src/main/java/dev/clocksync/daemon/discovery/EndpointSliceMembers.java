package dev.clocksync.daemon.discovery;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Membership as a pure function of the agents' EndpointSlices: one member per ready endpoint, at
 * its first address and the slice's agent port, with the pod of its targetRef and the node and
 * zone the slice records for it. The key is the pod's uid, else the URI.
 */
final class EndpointSliceMembers {

    private EndpointSliceMembers() {}

    /**
     * @param portName the agent port is the slice's TCP port of this name, or its only TCP port;
     *     a slice with neither contributes no member
     */
    static List<AgentEndpoint> of(Collection<EndpointSlice> slices, String portName) {
        // The controller may list an endpoint in two slices for a moment while it moves it: one member.
        Map<String, AgentEndpoint> byKey = new HashMap<>();
        for (EndpointSlice slice : slices) {
            OptionalInt port = agentPort(slice, portName);
            if (port.isEmpty()) {
                continue;
            }
            for (Endpoint endpoint : Objects.requireNonNullElse(slice.getEndpoints(), List.<Endpoint>of())) {
                member(slice.getAddressType(), port.getAsInt(), endpoint)
                        .ifPresent(member -> byKey.putIfAbsent(member.key(), member));
            }
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing(AgentEndpoint::key))
                .toList();
    }

    static OptionalInt agentPort(EndpointSlice slice, String portName) {
        List<EndpointPort> tcp = Objects.requireNonNullElse(slice.getPorts(), List.<EndpointPort>of()).stream()
                .filter(p -> p.getPort() != null && (p.getProtocol() == null || "TCP".equals(p.getProtocol())))
                .toList();
        Optional<EndpointPort> named =
                tcp.stream().filter(p -> portName.equals(p.getName())).findFirst();
        if (named.isPresent()) {
            return OptionalInt.of(named.get().getPort());
        }
        return tcp.size() == 1 ? OptionalInt.of(tcp.get(0).getPort()) : OptionalInt.empty();
    }

    /**
     * Kubernetes defines an unset ready condition as ready; a terminating endpoint is not ready
     * (the agents' Service does not publish not-ready addresses).
     */
    static boolean ready(Endpoint endpoint) {
        return endpoint.getConditions() == null
                || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
    }

    private static Optional<AgentEndpoint> member(String addressType, int port, Endpoint endpoint) {
        if (!ready(endpoint)
                || endpoint.getAddresses() == null
                || endpoint.getAddresses().isEmpty()) {
            return Optional.empty();
        }
        // The addresses of one endpoint are fungible; Kubernetes' own proxies use the first.
        String address = endpoint.getAddresses().get(0);
        URI uri;
        try {
            uri = URI.create("http://" + ("IPv6".equals(addressType) ? "[" + address + "]" : address) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ObjectReference target = endpoint.getTargetRef();
        String pod = target != null && "Pod".equals(target.getKind()) ? orEmpty(target.getName()) : "";
        String key =
                target != null && target.getUid() != null && !target.getUid().isBlank()
                        ? target.getUid()
                        : uri.toString();
        return Optional.of(
                new AgentEndpoint(key, uri, pod, orEmpty(endpoint.getNodeName()), orEmpty(endpoint.getZone())));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

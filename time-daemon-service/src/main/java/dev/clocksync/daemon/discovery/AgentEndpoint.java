package dev.clocksync.daemon.discovery;

import java.net.URI;

/**
 * One agent as discovery sees it.
 *
 * @param key stable identity within membership (the pod's uid or instance id, else the URI)
 * @param uri base URI of the agent's API
 * @param pod pod name where known (Kubernetes), else empty
 * @param node node name where known (Kubernetes, or static metadata), else empty
 * @param zone availability zone where known (the EndpointSlice's zone of the endpoint, from its
 *     node's topology.kubernetes.io/zone label; or static metadata), else empty
 */
public record AgentEndpoint(String key, URI uri, String pod, String node, String zone) {

    public AgentEndpoint(String key, URI uri, String pod, String node) {
        this(key, uri, pod, node, "");
    }
}

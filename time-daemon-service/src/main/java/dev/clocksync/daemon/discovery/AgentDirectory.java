package dev.clocksync.daemon.discovery;

import java.util.List;

/**
 * Current membership, asked anew at the start of every round, so agents that join or leave are
 * seen by the next round. In Kubernetes it is the agents' EndpointSlices, read from an informer's
 * cache ({@link EndpointSliceDirectory}); outside it Spring Cloud's static instances
 * ({@link DiscoveryClientDirectory}).
 */
public interface AgentDirectory {

    /** The agents, one per key, ordered by key. */
    List<AgentEndpoint> members();
}

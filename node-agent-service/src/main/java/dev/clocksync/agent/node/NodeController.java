package dev.clocksync.agent.node;

import dev.clocksync.core.protocol.Paths;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The node's clock against the cluster time, and the node kernel's own NTP state. */
@RestController
class NodeController {

    private final NodeClock node;

    NodeController(NodeClock node) {
        this.node = node;
    }

    @GetMapping(Paths.CLOCK_NODE)
    NodeView node() {
        NodeClock.NodeReading reading = node.read();
        return new NodeView(
                node.mode().name().toLowerCase(java.util.Locale.ROOT),
                reading.clusterNanos(),
                reading.clusterNanos() + reading.nodeOffsetNanos(),
                reading.nodeOffsetNanos(),
                node.timex().orElse(null));
    }

    /**
     * @param clockMode host (the node clock is the kernel's) or simulated
     * @param clusterNanos the agent's cluster time
     * @param nodeNanos the node's clock at the same instant
     * @param nodeOffsetNanos node clock minus cluster time
     * @param timex the kernel's NTP state (adjtimex, read-only); absent where it cannot be read
     */
    record NodeView(String clockMode, long clusterNanos, long nodeNanos, long nodeOffsetNanos, Timex timex) {}
}

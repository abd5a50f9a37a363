package dev.clocksync.core.protocol;

/** What the cluster time is steered toward, as the wire names it. */
public final class Reference {

    /** The agents' fault-tolerant average: the cluster agrees with itself, not with UTC. */
    public static final String CONSENSUS = "consensus";

    /** The daemon's own clock, for hosts disciplined to UTC (Amazon Time Sync on EC2, say). */
    public static final String DAEMON_CLOCK = "daemon-clock";

    /** Before the first adjustment: nothing is known. */
    public static final String UNKNOWN = "unknown";

    /** The values an adjustment may name. */
    static final String PATTERN = CONSENSUS + "|" + DAEMON_CLOCK;

    private Reference() {}
}

package dev.clocksync.core.protocol;

/** The HTTP paths of the clocksync protocol, versioned under {@code /api/v1}. */
public final class Paths {

    /** Agent: the probe of every NTP-style exchange (GET). */
    public static final String CLOCK = "/api/v1/clock";

    /** Agent: signed adjustments from the leading daemon (POST). */
    public static final String ADJUSTMENTS = "/api/v1/clock/adjustments";

    /** Agent: the discipline state, for operators (GET). */
    public static final String CLOCK_STATE = "/api/v1/clock/state";

    /** Agent: the node's clock against the cluster time, and the kernel's NTP state (GET). */
    public static final String CLOCK_NODE = "/api/v1/clock/node";

    /** Agent: the synchronized time for applications (GET). */
    public static final String TIME = "/api/v1/time";

    /** Daemon: current members and their latest results (GET). */
    public static final String AGENTS = "/api/v1/agents";

    /** Daemon: the latest rounds (GET), or a signed request to run one now (POST). */
    public static final String ROUNDS = "/api/v1/rounds";

    /** Daemon: the latest round (GET). */
    public static final String LATEST_ROUND = "/api/v1/rounds/latest";

    /** Daemon: who leads, under which term (GET). */
    public static final String LEADER = "/api/v1/leader";

    private Paths() {}
}

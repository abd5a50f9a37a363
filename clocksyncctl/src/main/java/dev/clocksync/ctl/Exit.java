package dev.clocksync.ctl;

/** The exit codes of clocksyncctl; documented in docs/clocksyncctl.md and under --help. */
final class Exit {

    /** The command did what was asked, and what it shows is healthy. */
    static final int OK = 0;
    /** Something unexpected went wrong in clocksyncctl itself. */
    static final int INTERNAL = 1;
    /** Bad usage: an unknown command or option, a bad value, a missing key. */
    static final int USAGE = 2;
    /** The agent or daemon could not be reached (refused, unknown host, timeout). */
    static final int UNREACHABLE = 3;
    /** The agent or daemon answered with an error (e.g. 401 bad signature, 404 no round yet, 409 not the leader). */
    static final int REFUSED = 4;
    /** Reached and answered, but not in sync: the agent is not SYNCED, or the latest round did not reach and correct every agent. */
    static final int NOT_SYNCED = 5;

    static final String HELP = """
            Exit codes:
              0  done; what it shows is healthy
              1  unexpected error in clocksyncctl
              2  bad usage: unknown command or option, bad value, no key
              3  the agent or daemon could not be reached
              4  the agent or daemon answered with an error (401, 404, 409, ...)
              5  not in sync: the agent is not SYNCED (status), or the latest round
                 did not reach and correct every agent (clockdiff)""";

    private Exit() {}
}

package dev.clocksync.daemon.leader;

import java.util.Optional;

/** Who may run rounds, and under which term (fencing token). */
public interface Leadership {

    /** This instance's id. */
    String selfId();

    /** Whether this instance leads now. */
    boolean isLeader();

    /** The current leadership's term; strictly increasing across leaderships. */
    long term();

    /** The leader's id, if one is known. */
    Optional<String> leaderId();

    /** How leadership is decided: {@code static} or {@code lease}. */
    String mode();
}

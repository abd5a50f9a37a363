package dev.clocksync.daemon.leader;

import java.util.Optional;

/**
 * Outside Kubernetes there is one daemon and it always leads. Its term is its start time in
 * milliseconds, so that a restarted daemon outranks its earlier self at the agents.
 */
final class StaticLeadership implements Leadership {

    private final String selfId;
    private final long term;

    StaticLeadership(String selfId, long term) {
        this.selfId = selfId;
        this.term = term;
    }

    @Override
    public String selfId() {
        return selfId;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public long term() {
        return term;
    }

    @Override
    public Optional<String> leaderId() {
        return Optional.of(selfId);
    }

    @Override
    public String mode() {
        return "static";
    }
}

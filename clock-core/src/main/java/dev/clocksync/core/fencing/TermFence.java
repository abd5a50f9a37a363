package dev.clocksync.core.fencing;

import dev.clocksync.core.time.TimeSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Which of a daemon's adjustments an agent may apply: each (term, round) once, rounds of a term in
 * order, and only from the newest leader that is still speaking.
 *
 * <p>The term is a fencing token. An agent follows the highest term it has applied an adjustment
 * from, and refuses lower terms (a deposed leader) while that term is <em>live</em>: heard from
 * within the expiry, on the agent's monotonic clock. A term that has been silent longer than the
 * expiry stops fencing: the next adjustment of any term is admitted, and its term becomes the one
 * followed. So one rogue or stale high term (a leftover of a deleted Lease, a mistaken or
 * malicious signed request) blocks the real leader for at most the expiry, while a deposed leader
 * stays fenced out as long as the current one keeps adjusting this agent.
 *
 * <p>An adjustment may also name its basis, the (term, round) the agent reported in the probe it
 * was computed from; it is admitted only if nothing was applied since (compare-and-set), so that a
 * late-delivered correction is never applied on top of the one that replaced it.
 *
 * <p>Not thread-safe: the caller admits, applies and records under one lock.
 */
public final class TermFence {

    private final TimeSource time;
    private final long expiryNanos;

    private long term = -1;
    private long round = -1;
    private long heardAtNanos;

    /**
     * @param time the agent's clocks; only the monotonic one is read
     * @param expiry how long a term fences out lower ones without being heard from; positive
     */
    public TermFence(TimeSource time, Duration expiry) {
        this.time = Objects.requireNonNull(time, "time");
        Objects.requireNonNull(expiry, "expiry");
        if (!expiry.isPositive()) {
            throw new IllegalArgumentException("the term expiry must be positive, got " + expiry);
        }
        this.expiryNanos = expiry.toNanos();
    }

    /**
     * Judges an adjustment without changing anything but the followed term's liveness: an
     * adjustment of the followed term, admitted or not, shows that its leader still speaks.
     *
     * @param basis the (term, round) the adjustment was computed from, or null when it names none
     */
    public Admission admit(long term, long round, Position basis) {
        boolean live = isLive();
        if (term == this.term) {
            heardAtNanos = time.monotonicNanos();
        }
        if (term < this.term && live) {
            return Admission.STALE_TERM;
        }
        if (term == this.term && round == this.round) {
            return Admission.DUPLICATE;
        }
        if (term == this.term && round < this.round) {
            return Admission.STALE_ROUND;
        }
        if (basis != null && !basis.equals(position())) {
            return Admission.STALE_BASIS;
        }
        return term < this.term ? Admission.ADMITTED_AFTER_EXPIRY : Admission.ADMITTED;
    }

    /** Records an applied adjustment: its term is now the one followed, heard from now. */
    public void applied(long term, long round) {
        this.term = term;
        this.round = round;
        this.heardAtNanos = time.monotonicNanos();
    }

    /** The last applied (term, round); (0, 0) before any, as probes report it. */
    public Position position() {
        return new Position(Math.max(term, 0), Math.max(round, 0));
    }

    /** The highest live term, or -1 when none fences. */
    public long fencingTerm() {
        return isLive() ? term : -1;
    }

    /** How long the followed term has been silent, or null before any adjustment. */
    public Duration silence() {
        return term < 0 ? null : Duration.ofNanos(time.monotonicNanos() - heardAtNanos);
    }

    private boolean isLive() {
        return term >= 0 && time.monotonicNanos() - heardAtNanos <= expiryNanos;
    }

    /** A point in a leader's sequence of adjustments. */
    public record Position(long term, long round) {}

    /** The verdict on one adjustment. */
    public enum Admission {
        /** Apply it. */
        ADMITTED,
        /** Apply it: its term is lower than the followed one, but that one has expired. */
        ADMITTED_AFTER_EXPIRY,
        /** Applied before; change nothing and say so. */
        DUPLICATE,
        /** A lower term than the live followed one: a deposed leader. */
        STALE_TERM,
        /** An older round of the followed term, arriving late. */
        STALE_ROUND,
        /** Computed from a probe that an adjustment applied since has made obsolete. */
        STALE_BASIS;

        public boolean admitted() {
            return this == ADMITTED || this == ADMITTED_AFTER_EXPIRY;
        }
    }
}

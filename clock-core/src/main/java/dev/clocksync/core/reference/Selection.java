package dev.clocksync.core.reference;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The outcome of reference selection.
 *
 * @param referenceNanos the reference offset every agent is corrected towards; empty when no
 *     candidate may vote
 * @param verdicts every candidate's verdict, by id (iterates in id order)
 * @param majority whether the set that produced the reference was a strict majority of the
 *     candidates allowed to vote; false after a fallback to the median and when nobody voted
 */
public record Selection(OptionalLong referenceNanos, Map<String, Verdict> verdicts, boolean majority) {

    public Selection {
        Objects.requireNonNull(referenceNanos, "referenceNanos");
        verdicts = Collections.unmodifiableSortedMap(new TreeMap<>(verdicts));
    }

    /** How many candidates got verdict {@code v}. */
    public long count(Verdict v) {
        return verdicts.values().stream().filter(v::equals).count();
    }
}

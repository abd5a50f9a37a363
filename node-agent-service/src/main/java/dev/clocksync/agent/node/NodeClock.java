package dev.clocksync.agent.node;

import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.agent.clock.ClockMode;
import dev.clocksync.core.clock.ClockSnapshot;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.time.AnchoredOscillator;
import dev.clocksync.core.time.Oscillator;
import dev.clocksync.core.time.SimulatedOscillator;
import dev.clocksync.core.time.TimeSource;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The node's own clock as this agent sees it: the node's kernel clock (CLOCK_REALTIME, what every
 * pod on the node reads) against the agent's cluster time. In host mode the disciplined clock runs
 * on the crystal, anchored to the node's clock at start, so the node's clock is read beside it: two
 * readings of the real-time clock bracket one observation of the disciplined clock, a hundred
 * nanoseconds or so apart. A simulated clock's oscillator is its simulated node clock, and one
 * observation gives both; it also knows its true error against the machine's real clock.
 */
@Component
public class NodeClock {

    private final DisciplinedClock clock;
    private final TimeSource time;
    private final SimulatedOscillator simulated;
    private final boolean oscillatorIsNodeClock;
    private final ClockMode mode;
    private final Adjtimex adjtimex;

    @Autowired
    NodeClock(DisciplinedClock clock, Oscillator oscillator, TimeSource time, AgentProperties properties) {
        this(clock, oscillator, time, properties, Adjtimex.load());
    }

    NodeClock(
            DisciplinedClock clock,
            Oscillator oscillator,
            TimeSource time,
            AgentProperties properties,
            Adjtimex adjtimex) {
        this.clock = clock;
        this.time = time;
        this.simulated = oscillator instanceof SimulatedOscillator s ? s : null;
        this.oscillatorIsNodeClock = !(oscillator instanceof AnchoredOscillator);
        this.mode = properties.clock().mode();
        this.adjtimex = adjtimex;
    }

    /** Node clock minus cluster time, with the cluster time it was read at. */
    public NodeReading read() {
        if (oscillatorIsNodeClock) {
            ClockSnapshot snapshot = clock.snapshot();
            OptionalLong trueOffset = simulated == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(simulated.trueOffsetAtMonotonic(snapshot.monotonicNanos())
                            - snapshot.oscillatorMinusClockNanos());
            return new NodeReading(snapshot.clockNanos(), snapshot.oscillatorMinusClockNanos(), trueOffset);
        }
        long before = time.epochNanos();
        long cluster = clock.unheldNanos();
        long after = time.epochNanos();
        return new NodeReading(cluster, before + (after - before) / 2 - cluster, OptionalLong.empty());
    }

    /** The kernel's NTP state, where adjtimex(2) can be read. */
    public Optional<Timex> timex() {
        return adjtimex.read();
    }

    boolean timexAvailable() {
        return adjtimex.available();
    }

    boolean simulated() {
        return simulated != null;
    }

    ClockMode mode() {
        return mode;
    }

    /**
     * @param clusterNanos the agent's disciplined clock (cluster time) at the reading
     * @param nodeOffsetNanos node clock minus cluster time
     * @param trueOffsetNanos simulation only: the disciplined clock minus the machine's real clock
     */
    public record NodeReading(long clusterNanos, long nodeOffsetNanos, OptionalLong trueOffsetNanos) {}
}

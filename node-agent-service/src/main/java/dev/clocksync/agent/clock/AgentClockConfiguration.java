package dev.clocksync.agent.clock;

import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.deployment.InstanceNames;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.time.AnchoredOscillator;
import dev.clocksync.core.time.Oscillator;
import dev.clocksync.core.time.SimulatedOscillator;
import dev.clocksync.core.time.TimeSource;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AgentClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentClockConfiguration.class);

    /**
     * In host mode the node's real-time clock with CLOCK_MONOTONIC_RAW, so that the clock runs on
     * the crystal and the node's own time daemon, slewing or stepping the node's clock (from this
     * agent's NTP server, say), cannot move it; simulated clocks run on the machine's clocks.
     */
    @Bean
    TimeSource timeSource(AgentProperties properties) {
        if (properties.clock().mode() == ClockMode.HOST) {
            return RawMonotonicTimeSource.load().orElseGet(TimeSource::system);
        }
        return TimeSource.system();
    }

    @Bean
    ProbeNonces probeNonces(TimeSource timeSource, AgentProperties properties) {
        return new ProbeNonces(timeSource, properties.security().replayWindow());
    }

    @Bean
    AgentIdentity agentIdentity(AgentProperties properties) {
        return new AgentIdentity(
                InstanceNames.configuredOrHostName(properties.id(), "agent"),
                UUID.randomUUID().toString());
    }

    @Bean
    Oscillator oscillator(AgentProperties properties, TimeSource timeSource) {
        if (properties.clock().mode() == ClockMode.HOST) {
            return new AnchoredOscillator(timeSource);
        }
        AgentProperties.Simulated simulated = properties.clock().simulated();
        Random random = simulated.seed() == null ? new Random() : new Random(simulated.seed());
        long offsetNanos = simulated.initialOffset().toNanos()
                + spread(random, simulated.randomOffset().toNanos());
        double driftPpm = simulated.driftPpm() + spread(random, simulated.randomDriftPpm());
        log.info(
                "Simulated clock: initial offset {} ms, drift {} ppm, wander {} ppm/sqrt(s)",
                String.format("%.3f", offsetNanos / 1e6),
                String.format("%.3f", driftPpm),
                simulated.wanderPpm());
        return new SimulatedOscillator(timeSource, offsetNanos, driftPpm, simulated.wanderPpm(), random);
    }

    @Bean
    DisciplinedClock disciplinedClock(Oscillator oscillator, TimeSource timeSource, AgentProperties properties) {
        AgentProperties.Discipline d = properties.discipline();
        ClockPolicy policy = new ClockPolicy(
                d.maxSlewPpm(),
                d.stepThreshold().toNanos(),
                d.makestepLimit(),
                d.maxFrequencyPpm(),
                d.maxDriftPpm(),
                d.updateInterval().toNanos(),
                d.frequencyGain());
        return new DisciplinedClock(oscillator, timeSource, policy);
    }

    private static long spread(Random random, long halfWidth) {
        return halfWidth == 0 ? 0 : random.nextLong(-halfWidth, halfWidth + 1);
    }

    private static double spread(Random random, double halfWidth) {
        return halfWidth == 0 ? 0 : random.nextDouble(-halfWidth, halfWidth);
    }
}

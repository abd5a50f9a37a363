package dev.clocksync.daemon.round;

import dev.clocksync.core.exchange.ClockFilter;
import dev.clocksync.core.exchange.Exchange;
import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.probe.AgentClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * k exchanges with one agent, one after another on one connection, keeping the minimum-delay
 * one: queueing only ever adds delay, so the fastest exchange is the least distorted.
 */
final class AgentProber {

    private final AgentClient client;
    private final int exchanges;

    AgentProber(AgentClient client, int exchanges) {
        this.client = client;
        this.exchanges = exchanges;
    }

    ProbeOutcome probe(AgentEndpoint agent) {
        List<Exchange> done = new ArrayList<>(exchanges);
        ProbeAnswer last = null;
        String failure = null;
        for (int i = 0; i < exchanges && !Thread.currentThread().isInterrupted(); i++) {
            try {
                AgentClient.TimedProbe probe = client.probe(agent);
                if (last != null && !last.epoch().equals(probe.answer().epoch())) {
                    // The agent restarted between two exchanges: only the newest clock counts.
                    done.clear();
                }
                done.add(probe.exchange());
                last = probe.answer();
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        Optional<Sample> best = ClockFilter.minimumDelay(done);
        return new ProbeOutcome(agent, best.orElse(null), last, best.isPresent() ? null : failure);
    }

    /** The filtered sample, the agent's last answer, or why nothing came back. */
    record ProbeOutcome(AgentEndpoint agent, Sample sample, ProbeAnswer answer, String failure) {

        boolean reachable() {
            return sample != null;
        }
    }
}

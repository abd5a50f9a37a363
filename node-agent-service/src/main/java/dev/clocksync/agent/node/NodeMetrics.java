package dev.clocksync.agent.node;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The node's clock as Prometheus sees it: its offset from the cluster time and, where adjtimex(2)
 * can be read, the kernel's NTP state in node_exporter's timex semantics.
 */
@Component
class NodeMetrics implements MeterBinder {

    private static final double NANOS_PER_SECOND = 1e9;

    private final NodeClock node;

    NodeMetrics(NodeClock node) {
        this.node = node;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("clocksync.node.clock.offset", node, n -> n.read().nodeOffsetNanos() / NANOS_PER_SECOND)
                .description("The node's clock minus this agent's cluster time")
                .baseUnit("seconds")
                .register(registry);
        if (node.simulated()) {
            Gauge.builder(
                            "clocksync.clock.true.offset",
                            node,
                            n -> n.read().trueOffsetNanos().orElseThrow() / NANOS_PER_SECOND)
                    .description("Simulation only: the agent's clock minus the machine's real clock")
                    .baseUnit("seconds")
                    .register(registry);
        }
        if (!node.timexAvailable()) {
            return;
        }
        timex(
                registry,
                "clocksync.node.timex.offset",
                "The kernel's time daemon's last offset",
                "seconds",
                t -> t.offsetNanos() / NANOS_PER_SECOND);
        timex(
                registry,
                "clocksync.node.timex.maxerror",
                "The kernel's maximum error",
                "seconds",
                t -> t.maxErrorNanos() / NANOS_PER_SECOND);
        timex(
                registry,
                "clocksync.node.timex.estimated.error",
                "The kernel's estimated error",
                "seconds",
                t -> t.estimatedErrorNanos() / NANOS_PER_SECOND);
        timex(
                registry,
                "clocksync.node.timex.frequency",
                "The kernel's frequency adjustment",
                "ppm",
                Timex::frequencyPpm);
        timex(
                registry,
                "clocksync.node.timex.sync.status",
                "1 when the kernel says its clock is synchronized",
                null,
                t -> t.synchronizedByKernel() ? 1 : 0);
        timex(registry, "clocksync.node.timex.status", "The kernel's STA_* status flags", null, t -> t.status());
        timex(
                registry,
                "clocksync.node.timex.unsync",
                "1 while the kernel's STA_UNSYNC flag is set",
                null,
                t -> t.unsync() ? 1 : 0);
        timex(
                registry,
                "clocksync.node.timex.pll",
                "1 while a time daemon's phase-locked loop (STA_PLL) disciplines the clock",
                null,
                t -> t.pll() ? 1 : 0);
    }

    private void timex(
            MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<Timex> value) {
        Gauge.builder(name, node, n -> n.timex().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }
}

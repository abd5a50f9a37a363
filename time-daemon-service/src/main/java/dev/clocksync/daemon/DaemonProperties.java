package dev.clocksync.daemon;

import dev.clocksync.core.reference.ReferenceStrategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the time daemon.
 *
 * @param id daemon instance identity; blank means the host name
 * @param agentServiceId discovery service id of the agents
 * @param interval time between the starts of two rounds
 * @param roundTimeout deadline of one round, probes and adjustments included (at most the interval;
 *     unset means three quarters of the interval)
 * @param schedulingEnabled run rounds on the interval (false: only on POST /api/v1/rounds)
 * @param exchanges NTP-style exchanges per agent and round; the minimum-delay one is kept
 * @param maxConcurrency agents probed or adjusted at the same time
 * @param connectTimeout TCP connect timeout per request
 * @param requestTimeout read timeout per request
 * @param reference how the reference time is chosen
 * @param maxCorrection corrections larger than this are not sent (the agent would refuse them)
 * @param historySize rounds kept in memory for the rounds API
 * @param leader leader election among daemon replicas (Kubernetes only)
 * @param metrics metric options
 * @param security request signing
 */
@Validated
@ConfigurationProperties("clocksync.daemon")
public record DaemonProperties(
        String id,
        @NotBlank @DefaultValue("clocksync-agent") String agentServiceId,
        @NotNull @DefaultValue("2s") Duration interval,
        Duration roundTimeout,
        @DefaultValue("true") boolean schedulingEnabled,
        @Min(1) @Max(32) @DefaultValue("8") int exchanges,
        @Min(1) @Max(1024) @DefaultValue("64") int maxConcurrency,
        @NotNull @DefaultValue("250ms") Duration connectTimeout,
        @NotNull @DefaultValue("500ms") Duration requestTimeout,
        @Valid @DefaultValue Reference reference,
        @NotNull @DefaultValue("1h") Duration maxCorrection,
        @Min(1) @Max(10_000) @DefaultValue("120") int historySize,
        @Valid @DefaultValue Leader leader,
        @Valid @DefaultValue Metrics metrics,
        @Valid @DefaultValue Security security) {

    @AssertTrue(message = "interval must be positive, and round-timeout positive and no longer than interval")
    boolean isRoundTimeoutWithinInterval() {
        return interval != null
                && interval.isPositive()
                && (roundTimeout == null || (roundTimeout.isPositive() && roundTimeout.compareTo(interval) <= 0));
    }

    /** The round deadline: as configured, else three quarters of the interval. */
    public Duration effectiveRoundTimeout() {
        return roundTimeout != null ? roundTimeout : interval.multipliedBy(3).dividedBy(4);
    }

    /**
     * Reference selection.
     *
     * @param strategy GAMMA_CLUSTER, MEDIAN, MEAN or INTERSECTION
     * @param gamma clocks that agree pairwise within gamma form a cluster (GAMMA_CLUSTER, MEDIAN)
     * @param maxDelay samples with a longer round trip do not vote
     * @param maxDelayRatio samples whose round trip exceeds this many times the agent's shortest of
     *     its last 8 rounds neither vote nor correct (chrony's maxdelayratio)
     * @param delayRatioFloor the delay-ratio test spares samples whose round trip exceeds the
     *     agent's shortest by no more than this (their extra error is at most half of it)
     * @param mode {@code consensus}: the agents' fault-tolerant average; {@code daemon-clock}:
     *     the daemon's own clock (for hosts disciplined to UTC)
     */
    public record Reference(
            @NotNull @DefaultValue("GAMMA_CLUSTER") ReferenceStrategy strategy,
            @NotNull @DefaultValue("5ms") Duration gamma,
            @NotNull @DefaultValue("50ms") Duration maxDelay,
            @DecimalMin("1") @DefaultValue("3") double maxDelayRatio,
            @NotNull @DefaultValue("500us") Duration delayRatioFloor,
            @NotNull @DefaultValue("consensus") ReferenceMode mode) {}

    /**
     * Leader election with a Kubernetes Lease. Outside Kubernetes the single daemon always leads.
     *
     * @param enabled elect a leader when running in Kubernetes (false: this replica always leads)
     * @param leaseName name of the Lease
     * @param namespace namespace of the Lease; unset means the daemon's own namespace
     * @param leaseDuration how long a lease holds without renewal; a crashed leader is replaced after it
     * @param renewDeadline a leader that cannot renew within this stops leading
     * @param retryPeriod how often candidates try to acquire and the leader renews
     */
    public record Leader(
            @DefaultValue("true") boolean enabled,

            @NotBlank @DefaultValue("clocksync-daemon-leader")
            String leaseName,

            String namespace,
            @NotNull @DefaultValue("15s") Duration leaseDuration,
            @NotNull @DefaultValue("10s") Duration renewDeadline,
            @NotNull @DefaultValue("2s") Duration retryPeriod) {

        @AssertTrue(message = "leader timings must satisfy lease-duration > renew-deadline > retry-period > 0")
        boolean isOrdered() {
            return leaseDuration == null
                    || renewDeadline == null
                    || retryPeriod == null
                    || (retryPeriod.isPositive()
                            && renewDeadline.compareTo(retryPeriod) > 0
                            && leaseDuration.compareTo(renewDeadline) > 0);
        }
    }

    /** What the agents are synchronized to. */
    public enum ReferenceMode {
        CONSENSUS,
        DAEMON_CLOCK
    }

    /**
     * Metric options.
     *
     * @param maxAgentSeries per-agent series (offset, delay) are exported for at most this many agents
     */
    public record Metrics(@Min(0) @DefaultValue("200") int maxAgentSeries) {}

    /**
     * Request signing.
     *
     * @param hmacKey shared HMAC-SHA256 key (at least 16 bytes), from a Secret or the
     *     CLOCKSYNC_HMAC_KEY environment variable
     * @param replayWindow signed requests whose timestamp is further than this from now are refused
     */
    public record Security(
            String hmacKey, @NotNull @DefaultValue("30s") Duration replayWindow) {}
}

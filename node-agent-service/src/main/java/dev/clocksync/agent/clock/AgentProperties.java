package dev.clocksync.agent.clock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of a node agent.
 *
 * @param id agent identity reported to the daemon; blank means the host name
 * @param clock where the agent's raw clock comes from
 * @param discipline how corrections are applied to the clock
 * @param maxCorrection adjustments whose magnitude exceeds this are refused (422)
 * @param termExpiry a leadership term fences out lower ones only while its leader has adjusted
 *     this agent within this long (default: the daemon's lease duration)
 * @param security request signing
 * @param ntp the agent's NTP server, which serves the cluster time to the node's own time daemon
 * @param warmupRequests loopback probes sent to itself before reporting ready, so that the JIT has
 *     compiled the probe path before the daemon measures it, plus a quarter as many signed
 *     adjustments that it refuses, so that the first real one is answered in time (0: none)
 */
@Validated
@ConfigurationProperties("clocksync.agent")
public record AgentProperties(
        String id,
        @Valid @DefaultValue Clock clock,
        @Valid @DefaultValue Discipline discipline,
        @NotNull @DefaultValue("1h") Duration maxCorrection,
        @NotNull @DefaultValue("15s") Duration termExpiry,
        @Valid @DefaultValue Security security,
        @Valid @DefaultValue Ntp ntp,
        @Min(0) @Max(100_000) @DefaultValue("2000") int warmupRequests) {

    /**
     * The raw clock.
     *
     * @param mode {@code host}: the host's real-time clock; {@code simulated}: the host clock plus an
     *     offset and a drift, so that clocks on one machine really disagree (demo and tests)
     * @param simulated settings of the simulated clock
     */
    public record Clock(
            @NotNull @DefaultValue("host") ClockMode mode,
            @Valid @DefaultValue Simulated simulated) {}

    /**
     * A simulated clock: host clock + initial offset + drift (+ optional random wander).
     *
     * @param initialOffset fixed initial offset
     * @param randomOffset added to the initial offset: uniformly random within +/- this
     * @param driftPpm fixed frequency error, ppm
     * @param randomDriftPpm added to the drift: uniformly random within +/- this, ppm
     * @param wanderPpm random walk of the frequency, ppm per square root of a second (0: none)
     * @param seed seed of the random choices; absent means a random seed
     */
    public record Simulated(
            @NotNull @DefaultValue("0s") Duration initialOffset,
            @NotNull @DefaultValue("0s") Duration randomOffset,

            @DecimalMin("-500") @DecimalMax("500") @DefaultValue("0")
            double driftPpm,

            @DecimalMin("0") @DecimalMax("500") @DefaultValue("0")
            double randomDriftPpm,

            @DecimalMin("0") @DecimalMax("10") @DefaultValue("0")
            double wanderPpm,

            Long seed) {}

    /**
     * Clock discipline, after chrony's directives of the same meaning.
     *
     * @param maxSlewPpm fastest rate at which an offset is amortized, ppm
     * @param stepThreshold offsets at least this large may be stepped (within the makestep limit)
     * @param makestepLimit only the first this many updates may step
     * @param maxFrequencyPpm bound of the frequency compensation, ppm
     * @param maxDriftPpm assumed worst residual frequency error, growth rate of the error bound, ppm
     * @param updateInterval expected interval between corrections; no update for 3 intervals means FREE_RUNNING
     * @param frequencyGain share of each frequency error estimate taken into the compensation (0..1]
     */
    public record Discipline(
            @Min(1) @Max(100_000) @DefaultValue("500") long maxSlewPpm,
            @NotNull @DefaultValue("128ms") Duration stepThreshold,
            @Min(0) @DefaultValue("3") int makestepLimit,

            @DecimalMin("0") @DecimalMax("500") @DefaultValue("500")
            double maxFrequencyPpm,

            @DecimalMin("0") @DecimalMax("500") @DefaultValue("15")
            double maxDriftPpm,

            @NotNull @DefaultValue("2s") Duration updateInterval,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @DefaultValue("0.5")
            double frequencyGain) {}

    /**
     * The agent's NTP server (RFC 5905 server mode, answering NTPv3 and v4 client requests).
     *
     * @param enabled serve NTP
     * @param port UDP port; 0 picks a free one (logged), for several agents on one host
     * @param address address to bind; unset means {@code server.address}, else every interface
     * @param stratum stratum advertised while synchronized (16 and the alarm otherwise); 10 by
     *     default, so that a node that also has a real UTC source prefers it
     * @param maxFreeRunning without a correction for longer than this, the agent's time is served
     *     as unsynchronized (clients then ignore it)
     * @param rateLimit per-client rate limit
     * @param nodeClockMode what the installation does with the node's clock through this server
     *     (the chart's nodeClock.mode: observe, serve or discipline), exported as
     *     clocksync_node_clock_mode for the alerts that depend on it
     */
    public record Ntp(
            @DefaultValue("true") boolean enabled,
            @Min(0) @Max(65_535) @DefaultValue("11123") int port,
            String address,
            @Min(1) @Max(15) @DefaultValue("10") int stratum,
            @NotNull @DefaultValue("5m") Duration maxFreeRunning,
            @Valid @DefaultValue RateLimit rateLimit,
            @NotNull @DefaultValue("observe") NodeClockMode nodeClockMode) {}

    /** What an installation does with its nodes' own clocks. */
    public enum NodeClockMode {
        /** Measure them only. */
        OBSERVE,
        /** Serve them the cluster time over NTP; their own time daemons decide. */
        SERVE,
        /** A chrony beside each agent disciplines its node's clock from the agent alone. */
        DISCIPLINE
    }

    /**
     * Per-client rate limit of the NTP server: a token bucket per client address; requests over it
     * get a kiss-o'-death RATE at most once a second, and no answer otherwise.
     *
     * @param burst requests a client may send at once
     * @param perSecond requests a client may send on average per second
     * @param maxClients clients remembered at once (the longest idle are forgotten)
     */
    public record RateLimit(
            @Min(1) @Max(1_000) @DefaultValue("16") int burst,

            @DecimalMin("0.001") @DecimalMax("1000") @DefaultValue("1")
            double perSecond,

            @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxClients) {}

    /**
     * Request signing.
     *
     * @param hmacKey shared HMAC-SHA256 key (at least 16 bytes), from a Secret or the
     *     CLOCKSYNC_HMAC_KEY environment variable
     * @param replayWindow an adjustment must echo the nonce of a probe this agent answered no
     *     longer ago than this, on its own monotonic clock (its wall clock may be far off)
     */
    public record Security(
            String hmacKey, @NotNull @DefaultValue("30s") Duration replayWindow) {}
}

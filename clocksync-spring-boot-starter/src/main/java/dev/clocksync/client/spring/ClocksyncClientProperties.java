package dev.clocksync.client.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the clocksync client.
 *
 * @param enabled Whether to configure the clocksync client.
 * @param agentUrl Base URL of the node agent. Unset: the CLOCKSYNC_AGENT_URL environment variable
 *     (which the Helm chart's node-local access tells applications to set), else http://localhost:8081.
 * @param timeout Connect and answer timeout of each request to the agent.
 * @param pollInterval Time between the clock's polls of the agent; between polls the clock
 *     extrapolates on the application's monotonic clock.
 * @param maxDriftPpm Bound on the rate error of the application's monotonic clock, ppm: the
 *     interval widens by this fraction of the time since the last poll.
 * @param primary Whether the clocksync Clock is the application's primary java.time.Clock bean.
 */
@ConfigurationProperties("clocksync.client")
public record ClocksyncClientProperties(
        @DefaultValue("true") boolean enabled,
        URI agentUrl,
        @DefaultValue("1s") Duration timeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") double maxDriftPpm,
        @DefaultValue("false") boolean primary) {}

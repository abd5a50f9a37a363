package dev.clocksync.daemon.discovery;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Discovery of the agents in Kubernetes (the agents' Service is {@code clocksync.daemon.agent-service-id}).
 *
 * @param namespace namespace of the agents' Service; blank means the daemon's own
 * @param portName name of the agents' HTTP port in their Service; a Service with a single TCP port
 *     needs no match
 */
@Validated
@ConfigurationProperties("clocksync.daemon.discovery")
record DiscoveryProperties(
        String namespace, @NotBlank @DefaultValue("http") String portName) {}

package dev.clocksync.agent.api;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.agent.node.NodeClock;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.protocol.StrictJson;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.signing.RequestVerifier;
import dev.clocksync.core.signing.SigningKeys;
import java.util.Set;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    static final String ADJUSTMENTS_PATH = Paths.ADJUSTMENTS;

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    /** Probe answers are tiny: Nagle's algorithm would only add delay (and asymmetry) to them. */
    @Bean
    TomcatConnectorCustomizer tcpNoDelay() {
        return connector -> connector.setProperty("tcpNoDelay", "true");
    }

    @Bean
    FilterRegistrationBean<ClockProbeFilter> clockProbeFilter(
            DisciplinedClock clock,
            AgentIdentity identity,
            AdjustmentService adjustments,
            ProbeNonces nonces,
            NodeClock nodeClock,
            JsonMapper jsonMapper) {
        FilterRegistrationBean<ClockProbeFilter> registration = new FilterRegistrationBean<>(
                new ClockProbeFilter(clock, identity, adjustments, nonces, nodeClock, jsonMapper));
        registration.addUrlPatterns(ClockProbeFilter.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Adjustments prove their freshness by echoing a probe nonce, so their signature timestamp is
     * not compared with this node's clock, which may be far off: that is the node to correct.
     */
    @Bean
    FilterRegistrationBean<SignatureFilter> signatureFilter(AgentProperties properties) {
        byte[] key = SigningKeys.require(properties.security().hmacKey(), "clocksync.agent.security.hmac-key");
        RequestVerifier verifier = RequestVerifier.withoutReplayWindow(key);
        FilterRegistrationBean<SignatureFilter> registration =
                new FilterRegistrationBean<>(new SignatureFilter(verifier, Set.of(ADJUSTMENTS_PATH)));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}

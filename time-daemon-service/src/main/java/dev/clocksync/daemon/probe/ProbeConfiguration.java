package dev.clocksync.daemon.probe;

import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.SigningKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

    @Bean
    RequestSigner requestSigner(SigningKey key) {
        return new RequestSigner(key.bytes());
    }

    /**
     * The JDK's HttpURLConnection has the lowest and steadiest loopback round trip of the clients
     * measured, and it keeps connections alive between rounds.
     */
    @Bean
    AgentClient agentClient(
            JsonMapper jsonMapper, RequestSigner signer, TimeSource timeSource, DaemonProperties properties) {
        // Tolerant reader: a newer agent may add fields to its answers.
        JsonMapper clientMapper = jsonMapper
                .rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new AgentClient(
                clientMapper, signer, timeSource, properties.connectTimeout(), properties.requestTimeout());
    }
}

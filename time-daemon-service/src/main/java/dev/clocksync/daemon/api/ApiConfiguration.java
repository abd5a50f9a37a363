package dev.clocksync.daemon.api;

import dev.clocksync.core.protocol.StrictJson;
import dev.clocksync.core.signing.RequestVerifier;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.SigningKey;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Bean
    RequestVerifier requestVerifier(SigningKey key, DaemonProperties properties, TimeSource timeSource) {
        return new RequestVerifier(key.bytes(), properties.security().replayWindow(), timeSource);
    }
}

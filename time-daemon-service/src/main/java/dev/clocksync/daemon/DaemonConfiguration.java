package dev.clocksync.daemon;

import dev.clocksync.core.deployment.InstanceNames;
import dev.clocksync.core.time.TimeSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DaemonConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TimeSource timeSource() {
        return TimeSource.system();
    }

    @Bean
    SigningKey signingKey(DaemonProperties properties) {
        return SigningKey.require(properties.security().hmacKey());
    }

    @Bean
    DaemonIdentity daemonIdentity(DaemonProperties properties) {
        return new DaemonIdentity(InstanceNames.configuredOrHostName(properties.id(), "daemon"));
    }
}

package dev.clocksync.daemon;

import dev.clocksync.core.time.TimeSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
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
        if (properties.id() != null && !properties.id().isBlank()) {
            return new DaemonIdentity(properties.id());
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return new DaemonIdentity(env);
        }
        try {
            return new DaemonIdentity(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return new DaemonIdentity("daemon-" + UUID.randomUUID().toString().substring(0, 8));
        }
    }
}

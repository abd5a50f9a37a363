package dev.clocksync.daemon.leader;

import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Leadership staticLeadership(DaemonIdentity identity, TimeSource timeSource) {
        return new StaticLeadership(identity.id(), timeSource.epochNanos() / 1_000_000);
    }
}

package dev.clocksync.client.spring;

import dev.clocksync.client.ClocksyncClient;
import dev.clocksync.client.ClocksyncClock;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The clocksync client of an application: a {@link ClocksyncClient}, a {@link ClocksyncClock}
 * (the application's primary {@link java.time.Clock} with {@code clocksync.client.primary=true}),
 * a health indicator {@code clocksync} where Actuator's health is present, and gauges where
 * Micrometer is.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "clocksync.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ClocksyncClientProperties.class)
public class ClocksyncClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ClocksyncClient clocksyncClient(ClocksyncClientProperties properties) {
        ClocksyncClient.Builder builder =
                ClocksyncClient.builder().timeout(properties.timeout()).maxDriftPpm(properties.maxDriftPpm());
        if (properties.agentUrl() != null) {
            builder.agentUri(properties.agentUrl());
        } else {
            builder.agentUriFromEnvironment();
        }
        return builder.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(ClocksyncClock.class)
    static class ClockConfiguration {

        @Bean(destroyMethod = "close")
        @Primary
        @ConditionalOnBooleanProperty("clocksync.client.primary")
        ClocksyncClock primaryClocksyncClock(ClocksyncClient client, ClocksyncClientProperties properties) {
            return start(client, properties);
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnBooleanProperty(name = "clocksync.client.primary", havingValue = false, matchIfMissing = true)
        ClocksyncClock clocksyncClock(ClocksyncClient client, ClocksyncClientProperties properties) {
            return start(client, properties);
        }

        private static ClocksyncClock start(ClocksyncClient client, ClocksyncClientProperties properties) {
            return ClocksyncClock.builder(client)
                    .pollInterval(properties.pollInterval())
                    .start();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBooleanProperty(name = "management.health.clocksync.enabled", matchIfMissing = true)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "clocksyncHealthIndicator")
        ClocksyncHealthIndicator clocksyncHealthIndicator(ClocksyncClock clock) {
            return new ClocksyncHealthIndicator(clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClocksyncClientMetrics clocksyncClientMetrics(ClocksyncClock clock) {
            return new ClocksyncClientMetrics(clock);
        }
    }
}

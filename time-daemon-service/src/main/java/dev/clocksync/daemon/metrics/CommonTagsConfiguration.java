package dev.clocksync.daemon.metrics;

import dev.clocksync.core.deployment.InstallationTags;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class CommonTagsConfiguration {

    /** namespace and cluster on every meter, where known. */
    @Bean
    MeterFilter clocksyncCommonTags(Environment environment) {
        Tags tags = Tags.empty();
        for (var tag : InstallationTags.from(environment::getProperty).asMap().entrySet()) {
            tags = tags.and(tag.getKey(), tag.getValue());
        }
        return MeterFilter.commonTags(tags);
    }
}

package dev.clocksync.daemon.round;

import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.discovery.AgentDirectory;
import dev.clocksync.daemon.probe.AgentClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoundConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService roundExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("clocksync-agent-io-", 0).factory());
    }

    @Bean
    RoundRunner roundRunner(
            AgentDirectory directory,
            AgentClient client,
            AgentRegistry registry,
            ExecutorService roundExecutor,
            TimeSource timeSource,
            DaemonProperties properties) {
        DaemonProperties.Reference reference = properties.reference();
        ReferenceSelector selector = ReferenceSelector.of(
                reference.strategy(),
                reference.gamma().toNanos(),
                reference.maxDelay().toNanos());
        return new RoundRunner(
                directory,
                new AgentProber(client, properties.exchanges()),
                client,
                new RoundPlanner(
                        selector, reference.mode(), properties.maxCorrection().toNanos()),
                new FanOut(roundExecutor, properties.maxConcurrency()),
                registry,
                timeSource,
                properties);
    }
}

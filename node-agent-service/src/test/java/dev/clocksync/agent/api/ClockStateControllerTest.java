package dev.clocksync.agent.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentClockConfiguration;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.agent.node.NodeClock;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.time.ManualTimeSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ClockStateController.class)
@Import({
    ApiConfiguration.class,
    AgentClockConfiguration.class,
    AdjustmentService.class,
    NodeClock.class,
    ClockStateControllerTest.FrozenTime.class
})
@EnableConfigurationProperties(AgentProperties.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@TestPropertySource(
        locations = "classpath:clocksync-agent.properties",
        properties = {
            "clocksync.agent.id=agent-under-test",
            "clocksync.agent.clock.mode=simulated",
            "clocksync.agent.clock.simulated.initial-offset=-250ms",
            "clocksync.agent.security.hmac-key=test-key-0123456789abcdef"
        })
class ClockStateControllerTest {

    static final long START_NANOS = 1_795_000_000_000_000_000L;

    @Autowired
    MockMvc mvc;

    @Autowired
    AdjustmentService adjustments;

    @Autowired
    ProbeNonces nonces;

    @TestConfiguration(proxyBeanMethods = false)
    static class FrozenTime {
        @Bean
        @Primary
        ManualTimeSource manualTimeSource() {
            return new ManualTimeSource(START_NANOS);
        }
    }

    @Test
    void beforeAnyCorrectionTheStateIsUnknownWithAnUnboundedError() throws Exception {
        mvc.perform(get("/api/v1/clock/state"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agentId").value("agent-under-test"))
                .andExpect(jsonPath("$.epoch").isNotEmpty())
                .andExpect(jsonPath("$.status").value("UNKNOWN"))
                .andExpect(jsonPath("$.errorBoundNanos").value(Long.MAX_VALUE))
                .andExpect(jsonPath("$.updates").value(0))
                .andExpect(jsonPath("$.lastCorrectionNanos").value(0))
                .andExpect(jsonPath("$.lastTerm").value(0))
                .andExpect(jsonPath("$.lastRound").value(0))
                .andExpect(jsonPath("$.reference").value("unknown"))
                .andExpect(jsonPath("$.nodeOffsetNanos").value(0));
    }

    @Test
    void afterAStepAndASlewTheStateCountsThemAndNamesTheLastCorrection() throws Exception {
        adjustments.apply(new AdjustmentRequest("daemon-1", 4L, 1L, 250_000_000L, START_NANOS, 1_000L, nonces.issue()));
        adjustments.apply(new AdjustmentRequest("daemon-1", 4L, 2L, 40_000L, START_NANOS, 1_000L, nonces.issue()));

        mvc.perform(get("/api/v1/clock/state"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SYNCED"))
                .andExpect(jsonPath("$.updates").value(2))
                .andExpect(jsonPath("$.steps").value(1))
                .andExpect(jsonPath("$.slews").value(1))
                .andExpect(jsonPath("$.pendingSlewNanos").value(40_000))
                .andExpect(jsonPath("$.lastCorrectionNanos").value(40_000))
                .andExpect(jsonPath("$.frequencyPpm").isNumber())
                .andExpect(jsonPath("$.errorBoundNanos").isNumber())
                .andExpect(jsonPath("$.lastTerm").value(4))
                .andExpect(jsonPath("$.lastRound").value(2))
                .andExpect(jsonPath("$.nodeOffsetNanos").value(-250_000_000L));
    }

    @Test
    void theStateIsReadOnly() throws Exception {
        mvc.perform(post("/api/v1/clock/state")).andExpect(status().isMethodNotAllowed());
    }
}

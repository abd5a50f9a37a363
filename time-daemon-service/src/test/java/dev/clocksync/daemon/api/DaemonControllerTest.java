package dev.clocksync.daemon.api;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.SigningKey;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentRegistry;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundOutcome;
import dev.clocksync.daemon.round.RoundRecord;
import dev.clocksync.daemon.round.RoundScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DaemonController.class)
@Import({ApiConfiguration.class, DaemonControllerTest.Fixtures.class})
@EnableConfigurationProperties(DaemonProperties.class)
@TestPropertySource(locations = "classpath:clocksync-daemon.properties")
class DaemonControllerTest {

    static final String KEY = "daemon-test-key-0123456789";
    static final long NOW_NANOS = 1_795_000_000_000_000_000L;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AgentRegistry registry;

    @MockitoBean
    RoundHistory history;

    @MockitoBean
    RoundScheduler scheduler;

    @MockitoBean
    Leadership leadership;

    private final RequestSigner signer = new RequestSigner(KEY.getBytes(StandardCharsets.UTF_8));

    @TestConfiguration(proxyBeanMethods = false)
    static class Fixtures {
        @Bean
        SigningKey signingKey() {
            return new SigningKey(KEY.getBytes(StandardCharsets.UTF_8));
        }

        @Bean
        ManualTimeSource timeSource() {
            return new ManualTimeSource(NOW_NANOS);
        }
    }

    @BeforeEach
    void leader() {
        given(leadership.selfId()).willReturn("daemon-a");
        given(leadership.isLeader()).willReturn(true);
        given(leadership.leaderId()).willReturn(Optional.of("daemon-a"));
        given(leadership.term()).willReturn(42L);
        given(leadership.mode()).willReturn("static");
    }

    @Test
    void latestRoundIsNotFoundBeforeTheFirstRound() throws Exception {
        given(history.latest()).willReturn(Optional.empty());
        mvc.perform(get("/api/v1/rounds/latest"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/no-round"));
    }

    @Test
    void latestRoundIsServed() throws Exception {
        given(history.latest()).willReturn(Optional.of(round(7)));
        mvc.perform(get("/api/v1/rounds/latest"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.term").value(42))
                .andExpect(jsonPath("$.round").value(7))
                .andExpect(jsonPath("$.outcome").value("OK"))
                .andExpect(jsonPath("$.agents[0].state").value("VOTING"))
                .andExpect(jsonPath("$.agents[0].offsetNanos").value(1500));
    }

    @Test
    void roundsAreListedUpToTheLimit() throws Exception {
        given(history.latest(2)).willReturn(List.of(round(9), round(8)));
        mvc.perform(get("/api/v1/rounds").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].round").value(9));
    }

    @Test
    void outOfRangeOrNonNumericLimitIsABadRequest() throws Exception {
        for (String limit : List.of("0", "-1", "10001", "many")) {
            mvc.perform(get("/api/v1/rounds").param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        verify(history, never()).latest(anyInt());
    }

    @Test
    void unsignedOrBadlySignedRoundRequestIsUnauthorizedAndRunsNothing() throws Exception {
        mvc.perform(post("/api/v1/rounds"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        long millis = NOW_NANOS / 1_000_000;
        mvc.perform(post("/api/v1/rounds")
                        .header(Headers.TIMESTAMP, millis)
                        .header(Headers.SIGNATURE, signer.sign("POST", "/api/v1/agents", millis, new byte[0])))
                .andExpect(status().isUnauthorized());
        verify(scheduler, never()).runNow();
    }

    @Test
    void signedRoundRequestRunsARound() throws Exception {
        given(scheduler.runNow()).willReturn(Optional.of(round(3)));
        long millis = NOW_NANOS / 1_000_000;
        mvc.perform(post("/api/v1/rounds")
                        .header(Headers.TIMESTAMP, millis)
                        .header(Headers.SIGNATURE, signer.sign("POST", "/api/v1/rounds", millis, new byte[0])))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.round").value(3));
    }

    @Test
    void signedRoundRequestWithAnEmptyObjectRunsARound() throws Exception {
        given(scheduler.runNow()).willReturn(Optional.of(round(4)));
        byte[] body = "{ }".getBytes(StandardCharsets.UTF_8);
        long millis = NOW_NANOS / 1_000_000;
        mvc.perform(post("/api/v1/rounds")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .header(Headers.TIMESTAMP, millis)
                        .header(Headers.SIGNATURE, signer.sign("POST", "/api/v1/rounds", millis, body)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.round").value(4));
    }

    @Test
    void signedRoundRequestWithABodyIsABadRequestAndRunsNothing() throws Exception {
        for (String text : List.of("{\"round\":5}", "[]", "\"now\"", "{not json")) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            long millis = NOW_NANOS / 1_000_000;
            mvc.perform(post("/api/v1/rounds")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .header(Headers.TIMESTAMP, millis)
                            .header(Headers.SIGNATURE, signer.sign("POST", "/api/v1/rounds", millis, body)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/unexpected-body"));
        }
        verify(scheduler, never()).runNow();
    }

    @Test
    void followerRefusesToRunARoundAndNamesTheLeader() throws Exception {
        given(scheduler.runNow()).willReturn(Optional.empty());
        given(leadership.leaderId()).willReturn(Optional.of("daemon-b"));
        long millis = NOW_NANOS / 1_000_000;
        mvc.perform(post("/api/v1/rounds")
                        .header(Headers.TIMESTAMP, millis)
                        .header(Headers.SIGNATURE, signer.sign("POST", "/api/v1/rounds", millis, new byte[0])))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/not-leader"))
                .andExpect(jsonPath("$.leaderId").value("daemon-b"));
    }

    @Test
    void leaderIsReported() throws Exception {
        mvc.perform(get("/api/v1/leader"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.self").value("daemon-a"))
                .andExpect(jsonPath("$.leader").value(true))
                .andExpect(jsonPath("$.leaderId").value("daemon-a"))
                .andExpect(jsonPath("$.term").value(42))
                .andExpect(jsonPath("$.mode").value("static"));
    }

    @Test
    void agentsAreListedWithTheirLatestResult() throws Exception {
        AgentResult result = round(1).agents().get(0);
        given(registry.agents())
                .willReturn(List.of(new AgentRegistry.AgentView("agent-1", "epoch-1", Instant.EPOCH, result)));
        mvc.perform(get("/api/v1/agents"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.agents[0].key").value("agent-1"))
                .andExpect(jsonPath("$.agents[0].last.adjustment").value("SLEWED"));
    }

    private static RoundRecord round(long number) {
        AgentResult agent = new AgentResult(
                "agent-1",
                "agent-1",
                "http://127.0.0.1:8081",
                "",
                "node-a",
                "zone-a",
                "epoch-1",
                false,
                AgentState.VOTING,
                1500L,
                90_000L,
                -1500L,
                AdjustmentOutcome.SLEWED,
                ClockStatus.SYNCED,
                46_000L,
                null,
                null);
        return new RoundRecord(
                42,
                number,
                "daemon-a",
                Instant.EPOCH,
                1_000_000,
                ReferenceStrategy.GAMMA_CLUSTER,
                "consensus",
                RoundOutcome.OK,
                0L,
                0L,
                null,
                List.of(agent));
    }
}

package dev.clocksync.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentClockConfiguration;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.agent.node.NodeClock;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.fencing.TermFence;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(ClockController.class)
@Import({
    ApiConfiguration.class,
    AgentClockConfiguration.class,
    AdjustmentService.class,
    NodeClock.class,
    ClockControllerTest.FrozenTime.class
})
@EnableConfigurationProperties(AgentProperties.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // every test starts with a fresh clock
@TestPropertySource(
        locations = "classpath:clocksync-agent.properties",
        properties = {
            "clocksync.agent.id=agent-under-test",
            "clocksync.agent.clock.mode=simulated",
            "clocksync.agent.clock.simulated.initial-offset=-250ms",
            "clocksync.agent.max-correction=10s",
            "clocksync.agent.security.hmac-key=" + ClockControllerTest.KEY
        })
class ClockControllerTest {

    static final String KEY = "test-key-0123456789abcdef";
    static final long START_NANOS = 1_795_000_000_000_000_000L;
    static final String ADJUST = "/api/v1/clock/adjustments";

    @Autowired
    MockMvc mvc;

    @Autowired
    DisciplinedClock clock;

    @Autowired
    AdjustmentService adjustments;

    @Autowired
    ManualTimeSource time;

    @Autowired
    ProbeNonces nonces;

    private final RequestSigner signer = new RequestSigner(KEY.getBytes(StandardCharsets.UTF_8));

    @TestConfiguration(proxyBeanMethods = false)
    static class FrozenTime {
        @Bean
        @Primary
        ManualTimeSource manualTimeSource() {
            return new ManualTimeSource(START_NANOS);
        }
    }

    @Test
    void probeAnswersWithReceiveAndTransmitTimestamps() throws Exception {
        mvc.perform(get("/api/v1/clock"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agentId").value("agent-under-test"))
                .andExpect(jsonPath("$.epoch").isNotEmpty())
                .andExpect(jsonPath("$.receiveNanos").value(START_NANOS - 250_000_000L))
                .andExpect(jsonPath("$.transmitNanos").value(START_NANOS - 250_000_000L))
                .andExpect(jsonPath("$.status").value("UNKNOWN"))
                .andExpect(jsonPath("$.lastTerm").value(0))
                .andExpect(jsonPath("$.lastRound").value(0));
    }

    @Test
    void timeIsUnboundedBeforeTheFirstSynchronization() throws Exception {
        mvc.perform(get("/api/v1/time"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNKNOWN"))
                .andExpect(jsonPath("$.errorBoundNanos").value(Long.MAX_VALUE))
                .andExpect(jsonPath("$.earliestNanos").value(Long.MIN_VALUE))
                .andExpect(jsonPath("$.latestNanos").value(Long.MAX_VALUE));
    }

    @Test
    void firstLargeCorrectionStepsTheClockAndTheRepeatIsADuplicate() throws Exception {
        long before = clock.nowNanos();
        signed(adjustment(7, 1, 250_000_000L))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("STEPPED"))
                .andExpect(jsonPath("$.agentId").value("agent-under-test"))
                .andExpect(jsonPath("$.status").value("SYNCED"));
        assertThat(clock.nowNanos()).isEqualTo(before + 250_000_000L).isEqualTo(START_NANOS);

        assertUntouched(() -> signed(adjustment(7, 1, 250_000_000L))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("DUPLICATE")));

        mvc.perform(get("/api/v1/clock"))
                .andExpect(jsonPath("$.lastTerm").value(7))
                .andExpect(jsonPath("$.lastRound").value(1));
        mvc.perform(get("/api/v1/time"))
                .andExpect(jsonPath("$.status").value("SYNCED"))
                .andExpect(jsonPath("$.epochNanos").value(START_NANOS))
                .andExpect(jsonPath("$.errorBoundNanos").value(1_000))
                .andExpect(jsonPath("$.earliestNanos").value(START_NANOS - 1_000))
                .andExpect(jsonPath("$.latestNanos").value(START_NANOS + 1_000));
    }

    @Test
    void lowerTermIsRefusedAsConflict() throws Exception {
        signed(adjustment(9, 3, 250_000_000L)).andExpect(status().isOk());
        assertUntouched(() -> signed(adjustment(8, 4, 5_000))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-term"))
                .andExpect(jsonPath("$.highestTerm").value(9)));
        assertUntouched(() -> signed(adjustment(9, 2, 5_000))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-round")));
    }

    @Test
    void aRogueHighTermStopsFencingOnceItHasBeenSilentForTheTermExpiry() throws Exception {
        signed(adjustment(5, 1, 250_000_000L)).andExpect(status().isOk());
        signed(adjustment(1_000_000_000_005L, 1, 5_000)).andExpect(status().isOk());
        for (int round = 2; round <= 7; round++) {
            int r = round;
            time.advance(Duration.ofSeconds(2));
            assertUntouched(() -> signed(adjustment(5, r, 5_000))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-term"))
                    .andExpect(jsonPath("$.highestTerm").value(1_000_000_000_005L)));
        }
        time.advance(Duration.ofSeconds(4)); // 16 s of silence: past the 15 s default expiry
        signed(adjustment(5, 8, 5_000))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("SLEWED"));
        mvc.perform(get("/api/v1/clock")).andExpect(jsonPath("$.lastTerm").value(5));
        assertUntouched(() -> signed(adjustment(4, 9, 5_000)).andExpect(status().isConflict()));
    }

    @Test
    void aLiveLeaderKeepsALowerTermFencedOutForAsLongAsItAdjusts() throws Exception {
        signed(adjustment(9, 1, 250_000_000L)).andExpect(status().isOk());
        for (int round = 2; round <= 20; round++) {
            time.advance(Duration.ofSeconds(2));
            signed(adjustment(9, round, 1_000)).andExpect(status().isOk());
            assertUntouched(() -> signed(adjustment(8, 1_000, 5_000)).andExpect(status().isConflict()));
        }
    }

    @Test
    void correctionComputedBeforeAnotherWasAppliedIsRefusedAsStaleBasis() throws Exception {
        signed(withBasis(adjustment(3, 1, 250_000_000L), 0, 0)).andExpect(status().isOk());
        // Round 2 was computed from the same probe as round 1 (basis 0/0) but arrives after it.
        assertUntouched(() -> signed(withBasis(adjustment(3, 2, 250_000_000L), 0, 0))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-basis")));
        signed(withBasis(adjustment(3, 2, 5_000), 3, 1))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("SLEWED"));
    }

    @Test
    void correctionAboveTheMaximumIsUnprocessable() throws Exception {
        assertUntouched(() -> signed(adjustment(1, 1, 10_000_000_001L))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/correction-too-large")));
        assertUntouched(() -> signed(adjustment(1, 1, Long.MIN_VALUE)).andExpect(status().isUnprocessableContent()));
    }

    @Test
    void missingSignatureIsUnauthorized() throws Exception {
        assertUntouched(() -> mvc.perform(
                        post(ADJUST).contentType(MediaType.APPLICATION_JSON).content(adjustment(1, 1, 1_000)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Missing"))));
    }

    @Test
    void wrongStaleOrMalformedSignatureIsUnauthorized() throws Exception {
        String body = adjustment(1, 1, 1_000);
        long millis = START_NANOS / 1_000_000;
        String wrongKey = new RequestSigner("another-key-0123456789".getBytes(StandardCharsets.UTF_8))
                .sign("POST", ADJUST, millis, body.getBytes(StandardCharsets.UTF_8));
        assertUntouched(() -> send(body, millis, wrongKey).andExpect(status().isUnauthorized()));

        String signedOther =
                signer.sign("POST", ADJUST, millis, adjustment(1, 1, 2_000).getBytes(StandardCharsets.UTF_8));
        assertUntouched(() -> send(body, millis, signedOther).andExpect(status().isUnauthorized()));
        assertUntouched(() -> send(body, millis, "%%%not-base64").andExpect(status().isUnauthorized()));
    }

    @Test
    void aSignatureTimestampHoursFromTheAgentsClockIsAcceptedFreshnessComesFromTheNonce() throws Exception {
        String body = adjustment(1, 1, 250_000_000L);
        long hoursAway = START_NANOS / 1_000_000 - Duration.ofHours(3).toMillis();
        send(body, hoursAway, signer.sign("POST", ADJUST, hoursAway, body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("STEPPED"));
    }

    @Test
    void anAdjustmentEchoingANonceOlderThanTheReplayWindowIsRefusedAsStale() throws Exception {
        String old = nonces.issue();
        time.advance(Duration.ofSeconds(31));
        assertUntouched(() -> signed(adjustment(1, 1, 250_000_000L, old))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-probe"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("replay-window"))));
    }

    @Test
    void anAdjustmentEchoingANonceThisAgentNeverIssuedIsRefused() throws Exception {
        String foreign = new ProbeNonces(time, Duration.ofSeconds(30)).issue();
        assertUntouched(() -> signed(adjustment(1, 1, 250_000_000L, foreign))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/stale-probe")));
        assertUntouched(() -> signed(adjustment(1, 1, 250_000_000L, "not-a-nonce!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://clocksync.dev/problems/malformed-nonce")));
    }

    @Test
    void theProbeCarriesAFreshNonceAndTheNodeOffset() throws Exception {
        mvc.perform(get("/api/v1/clock"))
                .andExpect(jsonPath("$.nodeOffsetNanos").value(0))
                .andExpect(jsonPath("$.transmitNanos").value(START_NANOS - 250_000_000L));
        signed(adjustment(1, 1, 250_000_000L)).andExpect(status().isOk());
        String answer = mvc.perform(get("/api/v1/clock"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodeOffsetNanos").value(-250_000_000L))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String nonce = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(answer)
                .path("nonce")
                .asString();
        assertThat(nonces.check(nonce)).isEqualTo(ProbeNonces.Freshness.FRESH);
    }

    @Test
    void timeNamesItsReferenceOnceAnAdjustmentNamedIt() throws Exception {
        mvc.perform(get("/api/v1/time")).andExpect(jsonPath("$.reference").value("unknown"));
        signed(adjustment(1, 1, 250_000_000L).replace("}", ",\"reference\":\"daemon-clock\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/time")).andExpect(jsonPath("$.reference").value("daemon-clock"));
        assertUntouched(() -> signed(adjustment(1, 2, 1_000).replace("}", ",\"reference\":\"utc\"}"))
                .andExpect(status().isBadRequest()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{not json",
                "",
                "[]",
                "{\"term\":1,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":1,\"round\":1,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":\"one\",\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":1.5,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":-1,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":1,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1,\"errorNanos\":-3}",
                "{\"daemonId\":\"d\",\"term\":1,\"round\":1,\"correctionNanos\":99999999999999999999999,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"\",\"term\":1,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1}",
                "{\"daemonId\":\"d\",\"term\":1,\"round\":1,\"correctionNanos\":5,\"issuedAtNanos\":1,\"extra\":true}"
            })
    void malformedOrInvalidBodiesAreBadRequests(String body) throws Exception {
        // With a fresh nonce, so that each body is refused for what it shows, not for lacking one.
        String withNonce = body.startsWith("{\"daemonId\"")
                ? "{\"probeNonce\":\"" + nonces.issue() + "\"," + body.substring(1)
                : body;
        assertUntouched(() -> signed(withNonce)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400)));
    }

    /** Each case replaces one field of a valid, signed adjustment with a value of the wrong JSON type. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\"correctionNanos\":5000000 -> \"correctionNanos\":\"5000000\"",
                "\"correctionNanos\":5000000 -> \"correctionNanos\":\"\"",
                "\"correctionNanos\":5000000 -> \"correctionNanos\":true",
                "\"correctionNanos\":5000000 -> \"correctionNanos\":5000000.0",
                "\"correctionNanos\":5000000 -> \"correctionNanos\":[5000000]",
                "\"correctionNanos\":5000000 -> \"correctionNanos\":{\"nanos\":5000000}",
                "\"term\":1 -> \"term\":\"1\"",
                "\"round\":1 -> \"round\":\"1\"",
                "\"issuedAtNanos\":1 -> \"issuedAtNanos\":\"1\"",
                "\"errorNanos\":1000 -> \"errorNanos\":\"1000\"",
                "\"basisTerm\":0 -> \"basisTerm\":\"0\"",
                "\"basisRound\":0 -> \"basisRound\":false",
                "\"daemonId\":\"daemon-1\" -> \"daemonId\":42",
                "\"daemonId\":\"daemon-1\" -> \"daemonId\":true",
                "\"daemonId\":\"daemon-1\" -> \"daemonId\":[\"daemon-1\"]",
                "\"basisRound\":0 -> \"basisRound\":0,\"correction\":5"
            })
    void aFieldOfTheWrongJsonTypeIsABadRequestNeverConverted(String replacement) throws Exception {
        String valid =
                "{\"daemonId\":\"daemon-1\",\"term\":1,\"round\":1,\"correctionNanos\":5000000,\"issuedAtNanos\":1,"
                        + "\"errorNanos\":1000,\"basisTerm\":0,\"basisRound\":0,\"probeNonce\":\"" + nonces.issue()
                        + "\"}";
        String[] fromTo = replacement.split(" -> ");
        String body = valid.replace(fromTo[0], fromTo[1]);
        assertThat(body).as("the case must change the valid body").isNotEqualTo(valid);
        assertUntouched(() -> signed(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
        signed(valid).andExpect(status().isOk()).andExpect(jsonPath("$.result").value("SLEWED"));
    }

    @Test
    void nonJsonContentTypeIsUnsupported() throws Exception {
        String body = adjustment(1, 1, 1_000);
        long millis = START_NANOS / 1_000_000;
        String signature = signer.sign("POST", ADJUST, millis, body.getBytes(StandardCharsets.UTF_8));
        assertUntouched(() -> mvc.perform(post(ADJUST)
                        .contentType(MediaType.TEXT_PLAIN)
                        .header(Headers.TIMESTAMP, millis)
                        .header(Headers.SIGNATURE, signature)
                        .content(body))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Runs a refused call and proves that neither the clock nor the fencing state moved. */
    private void assertUntouched(Call call) throws Exception {
        ClockState state = clock.state();
        long now = clock.nowNanos();
        TermFence.Position fence = adjustments.position();
        call.run();
        assertThat(clock.state()).isEqualTo(state);
        assertThat(clock.nowNanos()).isEqualTo(now);
        assertThat(adjustments.position()).isEqualTo(fence);
    }

    private String adjustment(long term, long round, long correctionNanos) {
        return adjustment(term, round, correctionNanos, nonces.issue());
    }

    private static String adjustment(long term, long round, long correctionNanos, String nonce) {
        return """
                {"daemonId":"daemon-1","term":%d,"round":%d,"correctionNanos":%d,"issuedAtNanos":%d,"errorNanos":1000,"probeNonce":"%s"}""".formatted(term, round, correctionNanos, START_NANOS, nonce);
    }

    private static String withBasis(String adjustment, long term, long round) {
        return adjustment.replace("}", ",\"basisTerm\":%d,\"basisRound\":%d}".formatted(term, round));
    }

    private ResultActions signed(String body) throws Exception {
        long millis = time.epochNanos() / 1_000_000;
        return send(body, millis, signer.sign("POST", ADJUST, millis, body.getBytes(StandardCharsets.UTF_8)));
    }

    private ResultActions send(String body, long millis, String signature) throws Exception {
        MockHttpServletRequestBuilder request = post(ADJUST)
                .contentType(MediaType.APPLICATION_JSON)
                .header(Headers.TIMESTAMP, millis)
                .header(Headers.SIGNATURE, signature)
                .content(body);
        return mvc.perform(request);
    }
}

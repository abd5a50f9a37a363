package dev.clocksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClocksyncClientTest {

    static final long T = 1_795_000_000_000_000_000L;

    final ManualTicker ticker = new ManualTicker();
    final StubAgent agent = new StubAgent();
    ClocksyncClient client = client(agent.uri());

    ClocksyncClient client(URI uri) {
        return client(uri, Duration.ofSeconds(5));
    }

    ClocksyncClient client(URI uri, Duration timeout) {
        return ClocksyncClient.builder()
                .agentUri(uri)
                .timeout(timeout)
                .maxDriftPpm(100)
                .ticker(ticker)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        agent.close();
    }

    @Test
    void theLatestSideWidensByTheRoundTripAndItsDriftWhileTheEarliestStays() {
        agent.answer(StubAgent.synced(T - 40_000, T + 40_000)).whileAnswering(() -> ticker.advance(500_000));

        TimeInterval now = client.now();

        assertThat(now.status()).isEqualTo(ClockStatus.SYNCED);
        assertThat(now.earliestNanos()).isEqualTo(T - 40_000);
        assertThat(now.latestNanos()).isEqualTo(T + 40_000 + 500_000 + 50);
        assertThat(now.isSynchronized()).isTrue();
        assertThat(now.errorBoundNanos()).isEqualTo((80_000 + 500_050) / 2);
        assertThat(now.earliest())
                .isEqualTo(Instant.ofEpochSecond(1_795_000_000L).minusNanos(40_000));
        assertThat(agent.lastPath()).isEqualTo("/api/v1/time");
    }

    @Test
    void anUnsynchronizedAgentGivesAnUnboundedIntervalThatRefusesAMidpoint() {
        agent.answer(StubAgent.unsynchronized());

        TimeInterval now = client.now();

        assertThat(now.status()).isEqualTo(ClockStatus.UNKNOWN);
        assertThat(now.isBounded()).isFalse();
        assertThat(now.isSynchronized()).isFalse();
        assertThat(now.errorBoundNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(now.isAfter(Instant.EPOCH)).isFalse();
        assertThatThrownBy(now::midpoint)
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("unbounded")
                .hasMessageContaining("UNKNOWN");
    }

    @Test
    void aDisruptedAgentsBoundIsNotTrusted() {
        agent.answer(StubAgent.reading(T - 1_000, T + 1_000, "DISRUPTED"));

        TimeInterval now = client.now();

        assertThat(now.status()).isEqualTo(ClockStatus.DISRUPTED);
        assertThat(now.isBounded()).isFalse();
    }

    @Test
    void theReferenceModeIsReadWhereTheAgentReportsItAndUnknownFieldsAreIgnored() {
        agent.answer(
                StubAgent.synced(T, T + 10).replace("}", ",\"reference\":\"daemon-clock\",\"future\":{\"a\":[1]}}"));
        assertThat(client.now().referenceMode()).contains("daemon-clock");

        agent.answer(StubAgent.synced(T, T + 10));
        assertThat(client.now().referenceMode()).isEmpty();
    }

    @Test
    void aStatusThisClientDoesNotKnowIsUnknown() {
        agent.answer(StubAgent.reading(T, T + 10, "LEAP_PENDING"));

        assertThat(client.now().status()).isEqualTo(ClockStatus.UNKNOWN);
    }

    @Test
    void aBaseUriWithAPathKeepsIt() {
        client.close();
        client = client(URI.create(agent.uri() + "/clocksync/"));
        agent.answer(StubAgent.synced(T, T + 10));

        client.now();

        assertThat(agent.lastPath()).isEqualTo("/clocksync/api/v1/time");
    }

    @Test
    void anAgentThatCannotBeReachedIsUnavailableAndTheMessageSaysWhere() {
        URI closed = agent.uri();
        agent.close();

        assertThatThrownBy(client::now)
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("clocksync agent at " + closed + " unavailable")
                .satisfies(e ->
                        assertThat(((AgentUnavailableException) e).agentUri()).isEqualTo(closed));
    }

    @Test
    void anAgentThatDoesNotAnswerInTimeIsUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agent.answer(StubAgent.synced(T, T + 10)).whileAnswering(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ClocksyncClient impatient = client(agent.uri(), Duration.ofMillis(300))) {
            assertThatThrownBy(impatient::now)
                    .isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("no answer within PT0.3S");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anHttpErrorIsUnavailableWithItsStatus() {
        agent.answer(404, "{\"status\":404}");

        assertThatThrownBy(client::now)
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("GET /api/v1/time answered HTTP 404");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"earliestNanos\":1,\"latestNanos\":2}",
                "{\"earliestNanos\":\"1\",\"latestNanos\":2,\"status\":\"SYNCED\"}",
                "{\"earliestNanos\":1.5,\"latestNanos\":2,\"status\":\"SYNCED\"}",
                "{\"earliestNanos\":99999999999999999999,\"latestNanos\":2,\"status\":\"SYNCED\"}",
                "{\"earliestNanos\":5,\"latestNanos\":2,\"status\":\"SYNCED\"}"
            })
    void anAnswerThatIsNotATimeReadingIsUnavailable(String body) {
        agent.answer(body);

        assertThatThrownBy(client::now)
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("not a time reading");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://localhost:8081", "http:///nohost", "http://h:1/?q=1"})
    void anAgentUriThatIsNoHttpBaseUriIsRefused(String uri) {
        assertThatThrownBy(() -> ClocksyncClient.builder().agentUri(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(uri);
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> ClocksyncClient.builder().timeout(Duration.ZERO))
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> ClocksyncClient.builder().maxDriftPpm(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> ClocksyncClient.builder().maxDriftPpm(Double.NaN))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> ClocksyncClient.builder().build()).hasMessageContaining("agentUri is required");
    }
}

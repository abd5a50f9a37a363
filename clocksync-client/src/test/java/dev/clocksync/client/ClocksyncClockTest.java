package dev.clocksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClocksyncClockTest {

    static final long T = 1_795_000_000_000_000_000L;
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final Duration POLL = Duration.ofSeconds(1);

    final ManualTicker ticker = new ManualTicker();
    final StubAgent agent = new StubAgent();
    final ClocksyncClient client = ClocksyncClient.builder()
            .agentUri(agent.uri())
            .maxDriftPpm(100)
            .ticker(ticker)
            .build();
    final ClocksyncClock clock = ClocksyncClock.builder(client)
            .pollInterval(POLL)
            .withoutBackgroundPolling()
            .start();

    @AfterEach
    void stop() {
        clock.close();
        client.close();
        agent.close();
    }

    void poll() {
        try {
            clock.poll();
        } catch (ClocksyncException e) {
            // recorded by the clock: what the test inspects
        }
    }

    @Test
    void beforeTheFirstSynchronizedReadingInstantThrowsAndSaysWhy() {
        assertThatThrownBy(clock::instant)
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("no synchronized reading from the clocksync agent at " + agent.uri())
                .hasMessageContaining("no poll has answered yet");
        assertThat(clock.interval().isBounded()).isFalse();

        agent.answer(StubAgent.unsynchronized());
        poll();

        assertThatThrownBy(clock::instant)
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("reports UNKNOWN")
                .satisfies(e ->
                        assertThat(((ClockNotSynchronizedException) e).status()).isEqualTo(ClockStatus.UNKNOWN));
    }

    @Test
    void betweenPollsTheIntervalMovesWithTheCallersClockAndWidensByTheMaximumDrift() {
        agent.answer(StubAgent.synced(T - 50_000, T + 50_000));
        poll();
        Instant first = clock.instant();

        ticker.advance(SECOND);

        TimeInterval later = clock.interval();
        assertThat(later.earliestNanos()).isEqualTo(T - 50_000 + SECOND - 100_000);
        assertThat(later.latestNanos()).isEqualTo(T + 50_000 + SECOND + 100_000);
        assertThat(later.status()).isEqualTo(ClockStatus.SYNCED);
        assertThat(clock.instant()).isEqualTo(first.plusSeconds(1));
        assertThat(clock.millis()).isEqualTo(first.plusSeconds(1).toEpochMilli());
        assertThat(agent.requests()).as("readings between polls ask no one").isEqualTo(1);
    }

    @Test
    void aPollThatMovesTheEstimateBackIsHeldSoThatTimeNeverGoesBackward() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        poll();
        ticker.advance(10 * MS);
        Instant beforeThePoll = clock.instant();
        assertThat(beforeThePoll).isEqualTo(Nanos.toInstant(T + 10 * MS));

        // the agent's clock was slewed back: its time is now 4 ms behind the extrapolation
        agent.answer(StubAgent.synced(T + 6 * MS - 1_000, T + 6 * MS + 1_000));
        poll();

        assertThat(clock.interval().earliestNanos()).isLessThan(T + 6 * MS);
        assertThat(clock.instant()).isEqualTo(beforeThePoll);
        ticker.advance(3 * MS);
        assertThat(clock.instant()).as("still held").isEqualTo(beforeThePoll);
        ticker.advance(2 * MS);
        assertThat(clock.instant()).as("caught up").isEqualTo(Nanos.toInstant(T + 11 * MS));
    }

    @Test
    void aWiderReadingDoesNotWidenTheClockButANarrowerOneNarrowsIt() {
        agent.answer(StubAgent.synced(T - 10_000, T + 10_000));
        poll();
        ticker.advance(SECOND);

        // a slow poll: the agent's interval is as honest, but 1 ms wide on each side
        agent.answer(StubAgent.synced(T + SECOND - MS, T + SECOND + MS));
        poll();
        assertThat(clock.interval().errorBoundNanos()).isEqualTo(10_000 + 100_000);

        agent.answer(StubAgent.synced(T + SECOND - 5_000, T + SECOND + 5_000));
        poll();
        assertThat(clock.interval().earliestNanos()).isEqualTo(T + SECOND - 5_000);
        assertThat(clock.interval().latestNanos()).isEqualTo(T + SECOND + 5_000);
    }

    @Test
    void anUnreachableAgentLeavesTheClockFreeRunningOnTheLastReadingWithAGrowingBound() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        poll();
        agent.answer(503, "");
        ticker.advance(SECOND);
        poll();

        ClockView view = clock.view();
        assertThat(view.interval().status()).as(view.toString()).isEqualTo(ClockStatus.FREE_RUNNING);
        assertThat(view.interval().errorBoundNanos()).isEqualTo(1_000 + 100_000);
        assertThat(view.readingAgeNanos()).isEqualTo(SECOND);
        assertThat(view.polls()).isEqualTo(2);
        assertThat(view.failedPolls()).isEqualTo(1);
        assertThat(view.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("HTTP 503"));
        assertThat(clock.instant()).isEqualTo(Nanos.toInstant(T + SECOND));
    }

    @Test
    void anAgentThatRestartsUnsynchronizedDoesNotReplaceTheLastGoodReading() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        poll();
        agent.answer(StubAgent.unsynchronized());
        ticker.advance(SECOND);
        poll();

        TimeInterval interval = clock.interval();
        assertThat(interval.status()).isEqualTo(ClockStatus.FREE_RUNNING);
        assertThat(interval.midpointNanos()).isEqualTo(T + SECOND);
        assertThat(clock.view().lastFailure())
                .hasValueSatisfying(f -> assertThat(f).contains("reports UNKNOWN"));
    }

    @Test
    void withoutAReadingForThreePollIntervalsTheClockIsFreeRunning() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        poll();

        ticker.advance(3 * SECOND);
        assertThat(clock.interval().status()).isEqualTo(ClockStatus.SYNCED);
        ticker.advance(1);
        assertThat(clock.interval().status()).isEqualTo(ClockStatus.FREE_RUNNING);
    }

    @Test
    void commitWaitReturnsOnceTheEarliestPossibleTimeIsPastTheInstant() throws Exception {
        agent.answer(StubAgent.synced(T - 200_000, T + 200_000));
        poll();
        Instant commit = Nanos.toInstant(clock.interval().latestNanos());

        TimeInterval after = clock.waitUntilAfter(commit);

        assertThat(after.isAfter(commit)).isTrue();
        assertThat(after.earliestNanos()).isGreaterThan(Nanos.of(commit));
        // the wait spans the whole interval (400 us) plus the drift it accrues, and no more than a few ns besides
        assertThat(ticker.slept()).isBetween(400_000L, 400_000L + 100L);
    }

    @Test
    void commitWaitOnAnInstantAlreadyPastReturnsAtOnce() throws Exception {
        agent.answer(StubAgent.synced(T - 200_000, T + 200_000));
        poll();

        TimeInterval after = clock.waitUntilAfter(Nanos.toInstant(T - SECOND));

        assertThat(after.earliestNanos()).isEqualTo(T - 200_000);
        assertThat(ticker.slept()).isZero();
    }

    @Test
    void commitWaitWithoutASynchronizedReadingThrows() {
        assertThatThrownBy(() -> clock.waitUntilAfter(Instant.EPOCH))
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining(agent.uri().toString());
    }

    @Test
    void waitUntilSyncedPollsUntilTheAgentIsSynchronized() throws Exception {
        agent.answer(StubAgent.unsynchronized());
        agent.answer(StubAgent.unsynchronized());
        agent.answer(StubAgent.unsynchronized());
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));

        TimeInterval synced = clock.waitUntilSynced(Duration.ofSeconds(10));

        assertThat(synced.status()).isEqualTo(ClockStatus.SYNCED);
        assertThat(agent.requests()).isEqualTo(4);
        assertThat(ticker.slept()).isEqualTo(3 * 100 * MS);
    }

    @Test
    void waitUntilSyncedGivesUpAtTheTimeoutAndSaysWhatTheAgentLastAnswered() {
        agent.answer(StubAgent.reading(T - 1_000, T + 1_000, "DISRUPTED"));

        assertThatThrownBy(() -> clock.waitUntilSynced(Duration.ofSeconds(2)))
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("not synchronized within PT2S")
                .hasMessageContaining("reports DISRUPTED")
                .satisfies(e ->
                        assertThat(((ClockNotSynchronizedException) e).status()).isEqualTo(ClockStatus.DISRUPTED));
        assertThat(ticker.slept()).isEqualTo(2 * SECOND);
    }

    @Test
    void waitUntilSyncedOnAnUnreachableAgentSaysItIsUnavailable() {
        agent.close();

        assertThatThrownBy(() -> clock.waitUntilSynced(Duration.ofMillis(300)))
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("unavailable");
    }

    @Test
    void zoneViewsShareOneClock() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        poll();

        var paris = clock.withZone(ZoneId.of("Europe/Paris"));

        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.withZone(java.time.ZoneOffset.UTC)).isEqualTo(clock);
        assertThat(paris).isNotEqualTo(clock);
    }

    @Test
    void inTheBackgroundTheClockPollsByItself() {
        agent.answer(StubAgent.synced(T - 1_000, T + 1_000));
        try (ClocksyncClock polling = ClocksyncClock.builder(client)
                .pollInterval(Duration.ofMillis(20))
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> polling.view().polls() >= 3);
            assertThat(polling.interval().isSynchronized()).isTrue();
        }
        int afterClose = agent.requests();
        assertThat(afterClose).isGreaterThanOrEqualTo(3);
    }
}

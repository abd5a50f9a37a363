package dev.clocksync.core.fencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.core.fencing.TermFence.Admission;
import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TermFenceTest {

    static final Duration EXPIRY = Duration.ofSeconds(15);

    final ManualTimeSource time = new ManualTimeSource(1_795_000_000_000_000_000L);
    final TermFence fence = new TermFence(time, EXPIRY);

    @Test
    void anythingIsAdmittedBeforeTheFirstAdjustmentAndThePositionIsZero() {
        assertThat(fence.position()).isEqualTo(new Position(0, 0));
        assertThat(fence.fencingTerm()).isEqualTo(-1);
        assertThat(fence.silence()).isNull();
        assertThat(fence.admit(0, 0, null)).isEqualTo(Admission.ADMITTED);
        assertThat(fence.admit(7, 3, new Position(0, 0))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void theSameTermAndRoundIsADuplicateAndAnOlderRoundIsStale() {
        fence.applied(7, 3);
        assertThat(fence.admit(7, 3, null)).isEqualTo(Admission.DUPLICATE);
        assertThat(fence.admit(7, 2, null)).isEqualTo(Admission.STALE_ROUND);
        assertThat(fence.admit(7, 4, null)).isEqualTo(Admission.ADMITTED);
        assertThat(fence.admit(8, 1, null)).isEqualTo(Admission.ADMITTED);
        assertThat(fence.position()).isEqualTo(new Position(7, 3));
    }

    @Test
    void aLowerTermIsRefusedWhileTheFollowedTermIsLive() {
        fence.applied(7, 3);
        time.advance(EXPIRY);
        assertThat(fence.admit(6, 100, null)).isEqualTo(Admission.STALE_TERM);
        assertThat(fence.fencingTerm()).isEqualTo(7);
    }

    @Test
    void aTermSilentLongerThanTheExpiryStopsFencingAndTheLowerTermIsFollowedOnceApplied() {
        fence.applied(1_000_000_000_007L, 1);
        time.advance(EXPIRY.plusNanos(1));
        assertThat(fence.fencingTerm()).isEqualTo(-1);
        assertThat(fence.silence()).isEqualTo(EXPIRY.plusNanos(1));
        assertThat(fence.admit(7, 1, new Position(1_000_000_000_007L, 1))).isEqualTo(Admission.ADMITTED_AFTER_EXPIRY);
        fence.applied(7, 1);
        assertThat(fence.position()).isEqualTo(new Position(7, 1));
        assertThat(fence.admit(6, 9, null)).as("the new followed term fences").isEqualTo(Admission.STALE_TERM);
    }

    @Test
    void anAdjustmentOfTheFollowedTermKeepsItLiveEvenWhenItIsNotApplied() {
        fence.applied(7, 3);
        for (int i = 0; i < 5; i++) {
            time.advance(Duration.ofSeconds(10));
            assertThat(fence.admit(7, 3, null)).isEqualTo(Admission.DUPLICATE);
        }
        time.advance(Duration.ofSeconds(10));
        assertThat(fence.admit(6, 1, null)).isEqualTo(Admission.STALE_TERM);
    }

    @Test
    void aRefusedLowerTermDoesNotKeepTheFollowedTermLive() {
        fence.applied(7, 3);
        time.advance(Duration.ofSeconds(10));
        assertThat(fence.admit(6, 1, null)).isEqualTo(Admission.STALE_TERM);
        time.advance(Duration.ofSeconds(6));
        assertThat(fence.admit(6, 2, new Position(7, 3))).isEqualTo(Admission.ADMITTED_AFTER_EXPIRY);
    }

    @Test
    void aBasisOtherThanTheLastAppliedPositionIsStale() {
        fence.applied(3, 1);
        assertThat(fence.admit(3, 2, new Position(0, 0))).isEqualTo(Admission.STALE_BASIS);
        assertThat(fence.admit(3, 2, new Position(3, 1))).isEqualTo(Admission.ADMITTED);
        assertThat(fence.admit(4, 1, new Position(3, 0))).isEqualTo(Admission.STALE_BASIS);
    }

    @Test
    void refusalsAndDuplicatesChangeNeitherThePositionNorTheFollowedTerm() {
        fence.applied(5, 5);
        fence.admit(4, 9, null);
        fence.admit(5, 4, null);
        fence.admit(5, 5, null);
        fence.admit(6, 1, new Position(1, 1));
        assertThat(fence.position()).isEqualTo(new Position(5, 5));
        assertThat(fence.fencingTerm()).isEqualTo(5);
    }

    @Test
    void termZeroIsATermLikeAnyOther() {
        fence.applied(0, 4);

        assertThat(fence.fencingTerm()).isZero();
        assertThat(fence.silence()).isEqualTo(Duration.ZERO);
        assertThat(fence.admit(0, 4, null)).isEqualTo(Admission.DUPLICATE);
        assertThat(fence.admit(0, 3, null)).isEqualTo(Admission.STALE_ROUND);
    }

    @Test
    void silenceAndExpiryAreMeasuredOnTheMonotonicClockWhereverItStarts() {
        ManualTimeSource late = new ManualTimeSource(1_795_000_000_000_000_000L, 7_000_000_000_000L);
        TermFence fenceOfLate = new TermFence(late, EXPIRY);
        fenceOfLate.applied(7, 3);
        late.stepEpoch(-Duration.ofHours(1).toNanos()); // the real-time clock has no say

        late.advance(EXPIRY);
        assertThat(fenceOfLate.silence()).isEqualTo(EXPIRY);
        assertThat(fenceOfLate.fencingTerm()).as("live at exactly the expiry").isEqualTo(7);
        late.advance(1);
        assertThat(fenceOfLate.silence()).isEqualTo(EXPIRY.plusNanos(1));
        assertThat(fenceOfLate.fencingTerm()).isEqualTo(-1);
    }

    @Test
    void admittedVerdictsAreTheTwoAdmissions() {
        assertThat(Admission.values())
                .filteredOn(Admission::admitted)
                .containsExactlyInAnyOrder(Admission.ADMITTED, Admission.ADMITTED_AFTER_EXPIRY);
    }

    @Test
    void theExpiryMustBePositive() {
        assertThatThrownBy(() -> new TermFence(time, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TermFence(time, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

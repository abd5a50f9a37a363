package dev.clocksync.daemon;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** The fixture's spread cannot make a convergence check pass having measured nothing. */
class TestAgentsTest {

    @Test
    void theSpreadOfNoRunningAgentIsRefusedNotTiny() {
        GenericApplicationContext stopped = new GenericApplicationContext();

        assertThatThrownBy(() -> TestAgents.trueSpreadNanos(List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least two running agents, 0 of 0 run");
        assertThatThrownBy(() -> TestAgents.trueSpreadNanos(List.of(stopped, stopped)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of 2 run");
    }
}

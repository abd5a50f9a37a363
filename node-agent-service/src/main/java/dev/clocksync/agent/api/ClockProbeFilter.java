package dev.clocksync.agent.api;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.node.NodeClock;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.core.signing.ProbeNonces;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code GET /api/v1/clock}, the probe of every NTP-style exchange, ahead of the rest of
 * the filter chain and the dispatcher. Everything the server does before T2 and after T3 counts
 * as network delay, and any difference between the two sides biases the offset by half of it; so
 * T2 is read first thing and T3 just before the answer is written.
 *
 * <p>Both are read from the clock without the monotonic hold, so that the daemon measures where
 * the clock really is even while a backward step is being held for applications. The answer also
 * carries the node's offset ({@link NodeClock}), and a nonce that an adjustment computed from it
 * must echo.
 */
class ClockProbeFilter implements Filter {

    static final String PATH = Paths.CLOCK;

    private final DisciplinedClock clock;
    private final AgentIdentity identity;
    private final AdjustmentService adjustments;
    private final ProbeNonces nonces;
    private final NodeClock nodeClock;
    private final JsonMapper jsonMapper;

    ClockProbeFilter(
            DisciplinedClock clock,
            AgentIdentity identity,
            AdjustmentService adjustments,
            ProbeNonces nonces,
            NodeClock nodeClock,
            JsonMapper jsonMapper) {
        this.clock = clock;
        this.identity = identity;
        this.adjustments = adjustments;
        this.nonces = nonces;
        this.nodeClock = nodeClock;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        long receiveNanos = clock.unheldNanos();
        HttpServletRequest request = (HttpServletRequest) req;
        if (!PATH.equals(request.getRequestURI()) || !HttpMethod.GET.matches(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        Position fence = adjustments.position();
        ClockState state = clock.state();
        String nonce = nonces.issue();
        HttpServletResponse response = (HttpServletResponse) res;
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        long nodeOffsetNanos = nodeClock.read().nodeOffsetNanos();
        long transmitNanos = clock.unheldNanos();
        byte[] body = jsonMapper.writeValueAsBytes(new ProbeAnswer(
                identity.agentId(),
                identity.epoch(),
                receiveNanos,
                transmitNanos,
                state.status(),
                state.errorBoundNanos(),
                fence.term(),
                fence.round(),
                nonce,
                nodeOffsetNanos));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

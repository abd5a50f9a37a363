package dev.clocksync.daemon.api;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.protocol.Problems;
import dev.clocksync.core.signing.RequestVerifier;
import dev.clocksync.core.signing.VerificationResult;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.round.AgentRegistry;
import dev.clocksync.daemon.round.AgentRegistry.AgentView;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundRecord;
import dev.clocksync.daemon.round.RoundScheduler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DaemonController {

    static final String ROUNDS_PATH = Paths.ROUNDS;

    private final AgentRegistry registry;
    private final RoundHistory history;
    private final RoundScheduler scheduler;
    private final Leadership leadership;
    private final RequestVerifier verifier;

    DaemonController(
            AgentRegistry registry,
            RoundHistory history,
            RoundScheduler scheduler,
            Leadership leadership,
            RequestVerifier verifier) {
        this.registry = registry;
        this.history = history;
        this.scheduler = scheduler;
        this.leadership = leadership;
        this.verifier = verifier;
    }

    @GetMapping(Paths.AGENTS)
    AgentsView agents() {
        List<AgentView> agents = registry.agents();
        return new AgentsView(agents.size(), agents);
    }

    @GetMapping(ROUNDS_PATH + "/latest")
    RoundRecord latestRound() {
        return history.latest()
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no-round", "No round yet", "No round has run yet."));
    }

    @GetMapping(ROUNDS_PATH)
    List<RoundRecord> rounds(@RequestParam(defaultValue = "10") @Min(1) @Max(10_000) int limit) {
        return history.latest(limit);
    }

    /** Runs one round now; signed like adjustments, refused by followers. */
    @PostMapping(ROUNDS_PATH)
    RoundRecord runRound(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = Headers.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = Headers.SIGNATURE, required = false) String signature,
            HttpServletRequest request) {
        VerificationResult result = verifier.verify(
                "POST", request.getRequestURI(), timestamp, signature, body == null ? new byte[0] : body);
        if (result != VerificationResult.VALID) {
            throw problem(
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "Unauthorized",
                    "Signature check failed: " + result.name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (!isEmptyObject(body)) {
            throw problem(
                    HttpStatus.BAD_REQUEST,
                    "unexpected-body",
                    "Unexpected request body",
                    "POST " + ROUNDS_PATH + " takes no body (or an empty JSON object).");
        }
        return scheduler.runNow().orElseThrow(() -> {
            ErrorResponseException e = problem(
                    HttpStatus.CONFLICT,
                    "not-leader",
                    "Not the leader",
                    "Only the leader runs rounds; this instance is a follower.");
            leadership.leaderId().ifPresent(id -> e.getBody().setProperty("leaderId", id));
            return e;
        });
    }

    @GetMapping(Paths.LEADER)
    LeaderView leader() {
        return new LeaderView(
                leadership.selfId(),
                leadership.isLeader(),
                leadership.leaderId().orElse(null),
                leadership.term(),
                leadership.mode());
    }

    private static boolean isEmptyObject(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.replaceAll("\\s", "").equals("{}");
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(Problems.type(type));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    /** Current members and what the latest round saw of each. */
    record AgentsView(int count, List<AgentView> agents) {}

    /**
     * Leadership as this instance sees it.
     *
     * @param self this instance's id
     * @param leader whether this instance leads
     * @param leaderId the leader's id, if known
     * @param term the current term
     * @param mode static or lease
     */
    record LeaderView(String self, boolean leader, String leaderId, long term, String mode) {}
}

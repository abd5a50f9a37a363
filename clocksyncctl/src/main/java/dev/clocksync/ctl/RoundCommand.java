package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** Runs a round now: a signed request, as the daemon's API requires. */
@Command(
        name = "round",
        mixinStandardHelpOptions = true,
        description = {
            "Run a round now (a signed request), and show it.",
            "",
            "Asks the leading daemon to run a round at once. The request is signed with the shared key from the CLOCKSYNC_HMAC_KEY environment variable (never an argument: it would show in the process list); this host's clock must be within the daemon's replay window. A follower refuses (exit 4) and names the leader."
        })
final class RoundCommand implements Callable<Integer> {

    static final String KEY_VARIABLE = "CLOCKSYNC_HMAC_KEY";
    static final String PATH = Paths.ROUNDS;

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    private final Map<String, String> environment;

    RoundCommand() {
        this(System.getenv());
    }

    RoundCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        RequestSigner signer = signer();
        Api api = daemon.api();
        byte[] body = new byte[0];
        long millis = System.currentTimeMillis();
        String signature = signer.sign("POST", api.serverPath(PATH), millis, body);
        JsonNode round;
        try {
            round = api.post(
                    PATH, body, Map.of(Headers.TIMESTAMP, Long.toString(millis), Headers.SIGNATURE, signature));
        } catch (CtlException e) {
            if (e.getMessage().contains("HTTP 401")) {
                throw new CtlException(
                        e.exitCode(),
                        e.getMessage() + " (check " + KEY_VARIABLE
                                + " and that this host's clock is within the daemon's replay window)");
            }
            throw e;
        }
        if (output.json()) {
            output.printJson(round);
        } else {
            Rounds.printClockdiff(output.out(), round);
        }
        return Exit.OK;
    }

    private RequestSigner signer() {
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isEmpty()) {
            throw new CtlException(
                    Exit.USAGE, "set " + KEY_VARIABLE + " to the daemon's shared key to sign the request");
        }
        try {
            return new RequestSigner(key.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CtlException(Exit.USAGE, KEY_VARIABLE + ": " + e.getMessage());
        }
    }
}

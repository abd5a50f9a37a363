package dev.clocksync.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, bad input and unreachable services, without any service running. */
class ClocksyncCtlTest {

    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClocksyncCtl.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Result help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("status", "agents", "rounds", "leader", "clockdiff", "round", "watch")
                .contains("Exit codes:", "5  not in sync");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "agents", "rounds", "leader", "clockdiff", "round", "watch"})
    void everyCommandHasHelp(String command) {
        Result help = run(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: clocksyncctl " + command).contains("--output");
        assertThat(run("help", command).out()).isEqualTo(help.out());
    }

    @Test
    void versionNamesTheTool() {
        assertThat(run("--version").out()).startsWith("clocksyncctl ");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Result none = run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name a command");

        Result unknown = run("tracking");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "tracking");
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhatIsExpected() {
        Result url = run("agents", "--daemon", "localhost:8080");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("--daemon", "must be an http(s) base URL", "localhost:8080");

        Result format = run("agents", "-o", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("must be table or json, got 'yaml'");

        Result limit = run("rounds", "--limit", "0");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be from 1 to 10000, got 0");

        Result interval = run("watch", "--interval", "-1s");
        assertThat(interval.exitCode()).isEqualTo(2);
        assertThat(interval.err()).contains("must be a positive duration");

        Result timeout = run("status", "--timeout", "soon");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("'soon'");
    }

    @Test
    void anUnreachableServiceExitsThreeAndSaysWhere() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Result result = run("leader", "--daemon", "http://127.0.0.1:" + port, "--timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("cannot connect to http://127.0.0.1:" + port);
    }

    @Test
    void aRoundWithoutAKeyIsAUsageErrorThatNamesTheVariable() {
        StringWriter err = new StringWriter();
        picocli.CommandLine line = new picocli.CommandLine(new RoundCommand(java.util.Map.of()));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, l, p) -> {
            l.getErr().println(e.getMessage());
            return ((CtlException) e).exitCode();
        });

        assertThat(line.execute("--daemon", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("set CLOCKSYNC_HMAC_KEY");

        picocli.CommandLine shortKey =
                new picocli.CommandLine(new RoundCommand(java.util.Map.of("CLOCKSYNC_HMAC_KEY", "short")));
        shortKey.setErr(new PrintWriter(err, true));
        shortKey.setExecutionExceptionHandler(line.getExecutionExceptionHandler());
        assertThat(shortKey.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("at least 16 bytes");
    }

    @Test
    void timesReadInTheUnitThatSuitsThem() {
        assertThat(Format.signedNanos(-56_700)).isEqualTo("-56.7 us");
        assertThat(Format.signedNanos(1_234_000)).isEqualTo("+1.234 ms");
        assertThat(Format.signedNanos(2_951_077_000L)).isEqualTo("+2.951 s");
        assertThat(Format.nanos(999)).isEqualTo("999 ns");
        assertThat(Format.nanos(Long.MAX_VALUE)).isEqualTo("unbounded");
        assertThat(Format.signedNanos(Long.MIN_VALUE)).startsWith("-");
    }

    @Test
    void aRoundReadsAsATableRowAndAsAClockdiff() {
        tools.jackson.databind.JsonNode round = Api.JSON.readTree("""
                {"term":1,"round":7,"startedAt":"2026-12-01T15:20:00Z","durationNanos":2500000,"strategy":"GAMMA_CLUSTER",
                 "referenceMode":"consensus","outcome":"PARTIAL","referenceNanos":1000,"spreadNanos":3000,
                 "agents":[{"key":"a","agentId":"agent-a","node":"n1","state":"VOTING","offsetNanos":2500,"delayNanos":400,
                            "correctionNanos":-1500,"adjustment":"SLEWED"},
                           {"key":"b","agentId":"agent-b","node":"n2","state":"NOISY","offsetNanos":-500,"delayNanos":9000,
                            "correctionNanos":1500,"adjustment":"SLEWED","nodeOffsetNanos":-2000000},
                           {"key":"c","state":"UNREACHABLE","adjustment":"NOT_SENT"}]}""");
        StringWriter table = new StringWriter();
        Rounds.printTable(new PrintWriter(table), java.util.List.of(round));
        assertThat(table.toString().lines().toList().get(1).split(" {2,}"))
                .containsExactly(
                        "1",
                        "7",
                        "2026-12-01T15:20:00Z",
                        "PARTIAL",
                        "GAMMA_CLUSTER",
                        "consensus",
                        "3",
                        "1",
                        "0",
                        "1",
                        "0",
                        "1",
                        "3.0 us",
                        "+1.0 us",
                        "2.500 ms");

        StringWriter clockdiff = new StringWriter();
        Rounds.printClockdiff(new PrintWriter(clockdiff), round);
        assertThat(clockdiff.toString().lines())
                .anySatisfy(l -> assertThat(l).startsWith("AGENT").endsWith("NODE OFFSET"))
                .anySatisfy(l -> assertThat(l.split(" {2,}"))
                        .containsExactly("agent-a", "n1", "VOTING", "+1.5 us", "200 ns", "-1.5 us", "SLEWED", "-"))
                .anySatisfy(l -> assertThat(l.split(" {2,}"))
                        .containsExactly(
                                "agent-b", "n2", "NOISY", "-1.5 us", "4.5 us", "+1.5 us", "SLEWED", "-2.000 ms"))
                .anySatisfy(l -> assertThat(l).startsWith("c ").contains("UNREACHABLE", "NOT_SENT"));
    }

    @Test
    void tablesAlignTheirColumns() {
        StringWriter text = new StringWriter();
        new Table("A", "LONGER").row("wide cell", "x").row("y", "z").print(new PrintWriter(text));

        assertThat(text.toString().lines()).containsExactly("A          LONGER", "wide cell  x", "y          z");
    }
}

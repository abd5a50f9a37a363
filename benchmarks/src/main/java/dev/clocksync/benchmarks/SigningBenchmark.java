package dev.clocksync.benchmarks;

import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.signing.RequestVerifier;
import dev.clocksync.core.signing.VerificationResult;
import dev.clocksync.core.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** HMAC-SHA256 signing and verification of a typical adjustment, as the daemon and an agent do it per round. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {

    private static final String PATH = "/api/v1/clock/adjustments";
    private static final byte[] KEY = "benchmark-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = ("{\"daemonId\":\"clocksync-daemon-7d9f8b6c5-x2kqp\",\"term\":3,\"round\":18342,"
                    + "\"correctionNanos\":-48213,\"issuedAtNanos\":1767225600123456789,\"errorNanos\":61250,"
                    + "\"basisTerm\":3,\"basisRound\":18341}")
            .getBytes(StandardCharsets.UTF_8);

    private final RequestSigner signer = new RequestSigner(KEY);
    private final RequestVerifier verifier = new RequestVerifier(KEY, Duration.ofSeconds(30), TimeSource.system());
    private long timestampMillis;
    private String timestampHeader;
    private String signature;

    // Per iteration, so that the signature never leaves the 30 s replay window however long the trial.
    @Setup(Level.Iteration)
    public void setUp() {
        timestampMillis = System.currentTimeMillis();
        timestampHeader = Long.toString(timestampMillis);
        signature = signer.sign("POST", PATH, timestampMillis, BODY);
        VerificationResult result = verifier.verify("POST", PATH, timestampHeader, signature, BODY);
        if (result != VerificationResult.VALID) {
            throw new IllegalStateException("the benchmark request does not verify: " + result);
        }
    }

    @Benchmark
    public String sign() {
        return signer.sign("POST", PATH, timestampMillis, BODY);
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify("POST", PATH, timestampHeader, signature, BODY);
    }
}

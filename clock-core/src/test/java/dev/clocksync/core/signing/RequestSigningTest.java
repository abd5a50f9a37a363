package dev.clocksync.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.clocksync.core.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class RequestSigningTest {

    private static final long SEED = 0x516EEDL;
    private static final byte[] KEY = "clocksync-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "clocksync-other-key-987654321".getBytes(StandardCharsets.UTF_8);
    private static final long NOW_MILLIS = 1_700_000_000_123L;
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String PATH = "/api/v1/clock/adjustments";
    private static final byte[] BODY =
            "{\"daemonId\":\"d-1\",\"term\":3,\"round\":7,\"correctionNanos\":-1500,\"issuedAtNanos\":1700000000000000000}"
                    .getBytes(StandardCharsets.UTF_8);

    private static final Gen<String> METHOD = Generate.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
    private static final Gen<String> PATHS =
            strings().basicLatinAlphabet().ofLengthBetween(0, 60).map(s -> "/" + s);
    private static final Gen<byte[]> BODIES =
            Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    /** Timestamps up to a minute off the verifier's clock, so some are stale. */
    private static final Gen<Long> SKEW_MILLIS = longs().between(-60_000, 60_000);

    private final ManualTimeSource time = new ManualTimeSource(NOW_MILLIS * 1_000_000L);
    private final RequestSigner signer = new RequestSigner(KEY);
    private final RequestVerifier verifier = new RequestVerifier(KEY, WINDOW, time);

    @Test
    void matchesAnIndependentlyComputedSignature() {
        // Computed with openssl, so the canonical form is pinned for clients in other languages:
        //   printf 'POST\n/api/v1/clock/adjustments\n1700000000123\n%s' "$(printf '%s' "$BODY" | sha256sum | cut -d' '
        // -f1)" \
        //     | openssl dgst -sha256 -hmac 'clocksync-test-key-0123456789' -binary | base64
        assertThat(signer.sign("POST", PATH, NOW_MILLIS, BODY))
                .isEqualTo("pRaG/2XDpYd3eVrBrlKYNJX+aooisTiK9OptFPYFAls=");
        // An empty body is hashed as zero bytes (e3b0c442...); the query string is part of the path.
        assertThat(signer.sign("GET", "/api/v1/rounds?limit=5", NOW_MILLIS, new byte[0]))
                .isEqualTo("u5fre115M3s0u5fhjSZYxDyh5JX9cKBtYJRYHRQHGvA=");
    }

    @Test
    void aNullBodyIsAnEmptyBodyAndMethodCaseDoesNotMatter() {
        String signature = signer.sign("GET", "/api/v1/rounds?limit=5", NOW_MILLIS, null);

        assertThat(signature).isEqualTo(signer.sign("get", "/api/v1/rounds?limit=5", NOW_MILLIS, new byte[0]));
        assertThat(verifier.verify("Get", "/api/v1/rounds?limit=5", Long.toString(NOW_MILLIS), signature, new byte[0]))
                .isEqualTo(VerificationResult.VALID);
    }

    @Test
    void whatIsSignedVerifiesWithinTheReplayWindowAndIsStaleOutsideIt() {
        qt().withFixedSeed(SEED).forAll(METHOD, PATHS, BODIES, SKEW_MILLIS).checkAssert((method, path, body, skew) -> {
            long timestamp = NOW_MILLIS + skew;
            String signature = signer.sign(method, path, timestamp, body);

            VerificationResult result = verifier.verify(method, path, Long.toString(timestamp), signature, body);

            assertThat(result)
                    .isEqualTo(
                            Math.abs(skew) <= WINDOW.toMillis() ? VerificationResult.VALID : VerificationResult.STALE);
        });
    }

    @Test
    void anyChangeToTheSignedRequestIsInvalid() {
        qt().withFixedSeed(SEED)
                .forAll(METHOD, PATHS, BODIES, integers().between(0, 4))
                .checkAssert((method, path, body, change) -> {
                    String signature = signer.sign(method, path, NOW_MILLIS, body);
                    String timestamp = Long.toString(NOW_MILLIS);

                    VerificationResult result = switch (change) {
                        case 0 -> verifier.verify(method, path, timestamp, signature, altered(body));
                        case 1 -> verifier.verify(method, path + "x", timestamp, signature, body);
                        case 2 ->
                            verifier.verify(method.equals("POST") ? "PUT" : "POST", path, timestamp, signature, body);
                        case 3 -> verifier.verify(method, path, Long.toString(NOW_MILLIS - 1), signature, body);
                        default ->
                            new RequestVerifier(OTHER_KEY, WINDOW, time)
                                    .verify(method, path, timestamp, signature, body);
                    };

                    assertThat(result).as("change %d", change).isEqualTo(VerificationResult.INVALID);
                });
    }

    @Test
    void theReplayWindowFollowsTheVerifiersClockAndIncludesItsEdge() {
        String timestamp = Long.toString(NOW_MILLIS);
        String signature = signer.sign("POST", PATH, NOW_MILLIS, BODY);

        time.advance(WINDOW);
        assertThat(verifier.verify("POST", PATH, timestamp, signature, BODY)).isEqualTo(VerificationResult.VALID);
        time.advance(1);
        assertThat(verifier.verify("POST", PATH, timestamp, signature, BODY)).isEqualTo(VerificationResult.STALE);
    }

    @Test
    void aTimestampFromTheFutureIsStaleToo() {
        long future = NOW_MILLIS + WINDOW.toMillis() + 1;
        String signature = signer.sign("POST", PATH, future, BODY);

        assertThat(verifier.verify("POST", PATH, Long.toString(future), signature, BODY))
                .isEqualTo(VerificationResult.STALE);
    }

    @Test
    void aVerifierWithoutReplayWindowAcceptsAnyTimestampButStillChecksTheSignature() {
        RequestVerifier windowless = RequestVerifier.withoutReplayWindow(KEY);
        for (long timestamp : new long[] {NOW_MILLIS, NOW_MILLIS - 3_600_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            String signature = signer.sign("POST", PATH, timestamp, BODY);
            assertThat(windowless.verify("POST", PATH, Long.toString(timestamp), signature, BODY))
                    .isEqualTo(VerificationResult.VALID);
            assertThat(windowless.verify("POST", PATH, Long.toString(timestamp), signature, altered(BODY)))
                    .isEqualTo(VerificationResult.INVALID);
            assertThat(windowless.verify("POST", PATH, Long.toString(timestamp + 1), signature, BODY))
                    .as("the timestamp is still signed")
                    .isEqualTo(VerificationResult.INVALID);
        }
        assertThat(windowless.verify("POST", PATH, null, "x", BODY)).isEqualTo(VerificationResult.MISSING);
    }

    @Test
    void absurdTimestampsAreStaleNotAnError() {
        for (long timestamp : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -NOW_MILLIS}) {
            String signature = signer.sign("POST", PATH, timestamp, BODY);

            assertThat(verifier.verify("POST", PATH, Long.toString(timestamp), signature, BODY))
                    .isEqualTo(VerificationResult.STALE);
        }
    }

    @Test
    void missingHeaders() {
        String timestamp = Long.toString(NOW_MILLIS);
        String signature = signer.sign("POST", PATH, NOW_MILLIS, BODY);

        assertThat(verifier.verify("POST", PATH, null, signature, BODY)).isEqualTo(VerificationResult.MISSING);
        assertThat(verifier.verify("POST", PATH, " ", signature, BODY)).isEqualTo(VerificationResult.MISSING);
        assertThat(verifier.verify("POST", PATH, timestamp, null, BODY)).isEqualTo(VerificationResult.MISSING);
        assertThat(verifier.verify("POST", PATH, timestamp, "", BODY)).isEqualTo(VerificationResult.MISSING);
    }

    @Test
    void malformedHeaders() {
        String timestamp = Long.toString(NOW_MILLIS);
        String signature = signer.sign("POST", PATH, NOW_MILLIS, BODY);

        for (String badTimestamp : List.of("yesterday", "1700000000123.5", "0x1F", "99999999999999999999")) {
            assertThat(verifier.verify("POST", PATH, badTimestamp, signature, BODY))
                    .as(badTimestamp)
                    .isEqualTo(VerificationResult.MALFORMED);
        }
        for (String badSignature : List.of("not base64!", "pRaG/2XD*pYd3", "a")) {
            assertThat(verifier.verify("POST", PATH, timestamp, badSignature, BODY))
                    .as(badSignature)
                    .isEqualTo(VerificationResult.MALFORMED);
        }
    }

    @Test
    void wellFormedButTruncatedSignatureIsInvalid() {
        String signature = signer.sign("POST", PATH, NOW_MILLIS, BODY);
        String truncated = Base64.getEncoder()
                .encodeToString(Arrays.copyOf(Base64.getDecoder().decode(signature), 16));

        assertThat(verifier.verify("POST", PATH, Long.toString(NOW_MILLIS), truncated, BODY))
                .isEqualTo(VerificationResult.INVALID);
    }

    @Test
    void rejectsShortKeysClearly() {
        assertThatThrownBy(() -> new RequestSigner(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 bytes")
                .hasMessageContaining("got 15");
        assertThatThrownBy(() -> new RequestVerifier(new byte[8], WINDOW, time))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyOfExactlySixteenBytesIsLongEnough() {
        byte[] key = Arrays.copyOf(KEY, 16);
        RequestSigner shortest = new RequestSigner(key);
        RequestVerifier verifier = new RequestVerifier(key, WINDOW, time);

        String signature = shortest.sign("POST", PATH, NOW_MILLIS, BODY);

        assertThat(verifier.verify("POST", PATH, Long.toString(NOW_MILLIS), signature, BODY))
                .isEqualTo(VerificationResult.VALID);
    }

    @Test
    void aReplayWindowBeyondTheRangeOfNanosecondsAcceptsAnyTimestampItCanCompare() {
        RequestVerifier patient = new RequestVerifier(KEY, Duration.ofDays(365L * 1_000), time);
        long longAgo = 0; // 1970, 54 years before the verifier's clock

        String signature = signer.sign("POST", PATH, longAgo, BODY);

        assertThat(patient.verify("POST", PATH, Long.toString(longAgo), signature, BODY))
                .isEqualTo(VerificationResult.VALID);
    }

    @Test
    void rejectsANegativeReplayWindow() {
        assertThatThrownBy(() -> new RequestVerifier(KEY, Duration.ofNanos(-1), time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window");
    }

    @Test
    void theKeyIsCopied() {
        byte[] key = KEY.clone();
        RequestSigner signerOfCopy = new RequestSigner(key);
        Arrays.fill(key, (byte) 0);

        assertThat(signerOfCopy.sign("POST", PATH, NOW_MILLIS, BODY))
                .isEqualTo(signer.sign("POST", PATH, NOW_MILLIS, BODY));
    }

    @Test
    void signsConsistentlyFromManyThreads() throws Exception {
        String expected = signer.sign("POST", PATH, NOW_MILLIS, BODY);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> expected.equals(signer.sign("POST", PATH, NOW_MILLIS, BODY))
                            && verifier.verify("POST", PATH, Long.toString(NOW_MILLIS), expected, BODY)
                                    == VerificationResult.VALID))
                    .toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    private static byte[] altered(byte[] body) {
        if (body.length == 0) {
            return new byte[] {0};
        }
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 1;
        return copy;
    }
}

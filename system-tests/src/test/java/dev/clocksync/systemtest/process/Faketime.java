package dev.clocksync.systemtest.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's libfaketime: a process started with it preloaded reads a real-time clock shifted (and
 * optionally sped up) against this machine's, while its monotonic clock stays real, so that one
 * machine can host nodes whose clocks really differ. The machine's own clock is never touched.
 * Found at {@code FAKETIME_LIB} when set, else where Debian's package installs it.
 */
public final class Faketime {

    private static final List<Path> DEBIAN = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));

    private Faketime() {}

    /** The library; skips (locally) or fails (in CI) without it. */
    public static Path require() {
        Optional<Path> library = find();
        Prerequisites.require(
                library.isPresent(),
                "libfaketime not found (FAKETIME_LIB unset or not a file, nor in " + DEBIAN + ");"
                        + " Debian/Ubuntu: apt-get install libfaketime, or source scripts/ci/setup-15-clock-tools.sh");
        return library.orElseThrow();
    }

    static Optional<Path> find() {
        String configured = System.getenv("FAKETIME_LIB");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        return DEBIAN.stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * The environment of a process whose real-time clock reads {@code spec} against this
     * machine's: {@code "+45s"}, {@code "-12m"}, {@code "+2s x1.0001"} (100 ppm fast from the
     * process's start). The monotonic clock stays real: a JVM whose monotonic clock is faked hangs.
     */
    public static Map<String, String> environment(Path library, String spec) {
        return Map.of(
                "LD_PRELOAD",
                library.toString(),
                "FAKETIME",
                spec,
                "FAKETIME_DONT_FAKE_MONOTONIC",
                "1",
                "FAKETIME_DONT_RESET",
                "1");
    }
}

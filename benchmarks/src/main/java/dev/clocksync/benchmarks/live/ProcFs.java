package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What Linux's /proc says about a process and the machine. Empty where it cannot be read. */
final class ProcFs {

    /** USER_HZ: /proc/<pid>/stat counts CPU time in these ticks on every Linux architecture in use. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {}

    /** User plus system CPU seconds the process has used (fields 14 and 15 of /proc/<pid>/stat). */
    static OptionalDouble cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalDouble.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** Resident set size now, bytes (VmRSS). */
    static OptionalLong rssBytes(long pid) {
        return statusKilobytes(pid, "VmRSS:");
    }

    /** Peak resident set size, bytes (VmHWM). */
    static OptionalLong peakRssBytes(long pid) {
        return statusKilobytes(pid, "VmHWM:");
    }

    /** Open file descriptors of the process. */
    static OptionalLong openFiles(long pid) {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return OptionalLong.of(entries.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The soft limit on open files of this process, which the processes it starts inherit. */
    static OptionalLong openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft =
                            line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited")
                            ? OptionalLong.of(Long.MAX_VALUE)
                            : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return OptionalLong.empty();
    }

    /** CPU seconds the whole machine has been busy (all but idle and iowait, from /proc/stat). */
    static OptionalDouble machineBusySeconds() {
        try {
            String[] f =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().strip().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                // user nice system idle iowait irq softirq steal guest guest_nice; guest time is in user already
                if (i != 4 && i != 5 && i < 9) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return OptionalDouble.of(busy / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** The 1-minute load average. */
    static OptionalDouble loadAverage() {
        try {
            return OptionalDouble.of(Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static OptionalLong statusKilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).strip().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return OptionalLong.empty();
    }
}

package dev.clocksync.benchmarks.live;

import java.util.Locale;

/**
 * The machine a benchmark ran on, as RESULTS.md records it.
 *
 * @param processors available processors (nproc)
 * @param cpuModel the first CPU's model name
 * @param jdk the JDK that runs the benchmark and the services
 * @param os kernel name and release
 * @param loadAtStart 1-minute load average when the benchmark started
 */
record Machine(int processors, String cpuModel, String jdk, String os, double loadAtStart) {

    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                ProcFs.cpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                ProcFs.loadAverage().orElse(Double.NaN));
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "machine: %d processors, %s, %s, JDK %s; load average %.2f at start",
                processors,
                cpuModel,
                os,
                jdk,
                loadAtStart);
    }
}

package dev.clocksync.benchmarks.live;

import java.util.Collection;
import java.util.Locale;

/**
 * How busy the machine was over a span, split into the benchmark's own processes and everything
 * else: the load average counts the benchmark's processes too, so it alone cannot say how much
 * other work competed with them.
 *
 * @param seconds the span
 * @param ownCores CPU the benchmark (this JVM and the processes given) used, in cores
 * @param otherCores CPU everything else on the machine used, in cores
 */
record CpuShare(double seconds, double ownCores, double otherCores) {

    /** A start of the span: the machine's and the given processes' CPU time now. */
    record Mark(long nanos, double machineSeconds, double ownSeconds) {}

    static Mark mark(Collection<Long> pids) {
        return new Mark(System.nanoTime(), ProcFs.machineBusySeconds().orElse(Double.NaN), own(pids));
    }

    /** From {@code start} to now; {@code pids} must be the same processes, still running. */
    static CpuShare since(Mark start, Collection<Long> pids) {
        double seconds = (System.nanoTime() - start.nanos()) / 1e9;
        double machine = ProcFs.machineBusySeconds().orElse(Double.NaN) - start.machineSeconds();
        double own = own(pids) - start.ownSeconds();
        return new CpuShare(seconds, own / seconds, (machine - own) / seconds);
    }

    private static double own(Collection<Long> pids) {
        double total = ProcFs.cpuSeconds(ProcessHandle.current().pid()).orElse(0);
        for (long pid : pids) {
            total += ProcFs.cpuSeconds(pid).orElse(0);
        }
        return total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f / %.2f cores", ownCores, otherCores);
    }
}

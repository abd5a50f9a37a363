package dev.clocksync.daemon.round;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one task per item on virtual threads, at most {@code maxConcurrency} at a time, and
 * stops waiting at a deadline: an item whose task did not finish in time has no result, and its
 * task is interrupted. A slow agent therefore never stalls a round.
 */
final class FanOut {

    private final ExecutorService executor;
    private final Semaphore permits;

    FanOut(ExecutorService executor, int maxConcurrency) {
        this.executor = executor;
        this.permits = new Semaphore(maxConcurrency);
    }

    /** Results by item, in input order; empty where the task failed or missed the deadline. */
    <T, R> Map<T, Optional<R>> run(List<T> items, Function<T, R> task, long timeoutNanos) {
        List<Callable<R>> calls = new ArrayList<>(items.size());
        for (T item : items) {
            calls.add(() -> {
                if (!permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                    return null;
                }
                try {
                    return task.apply(item);
                } finally {
                    permits.release();
                }
            });
        }
        return collect(items, calls, Math.max(timeoutNanos, 0));
    }

    /**
     * Like {@link #run}, except that the deadline only bounds when a task may start: one that has
     * started runs to its end (the caller bounds it, e.g. by request timeouts) and its result is
     * awaited. For requests whose outcome must not be guessed: a request cut off mid-flight may
     * still take effect on the other side. {@code capNanos} bounds the whole wait all the same.
     */
    <T, R> Map<T, Optional<R>> runToCompletion(
            List<T> items, Function<T, R> task, long startWithinNanos, long capNanos) {
        long startBy = System.nanoTime() + startWithinNanos;
        List<Callable<R>> calls = new ArrayList<>(items.size());
        for (T item : items) {
            calls.add(() -> {
                if (!permits.tryAcquire(Math.max(0, startBy - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return null;
                }
                try {
                    return task.apply(item);
                } finally {
                    permits.release();
                }
            });
        }
        return collect(items, calls, Math.max(capNanos, 0));
    }

    private <T, R> Map<T, Optional<R>> collect(List<T> items, List<Callable<R>> calls, long timeoutNanos) {
        List<Future<R>> futures;
        try {
            futures = executor.invokeAll(calls, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures = List.of();
        }
        Map<T, Optional<R>> results = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            results.put(items.get(i), i < futures.size() ? resultOf(futures.get(i)) : Optional.empty());
        }
        return results;
    }

    private static <R> Optional<R> resultOf(Future<R> future) {
        try {
            return Optional.ofNullable(future.get(0, TimeUnit.NANOSECONDS));
        } catch (CancellationException | ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

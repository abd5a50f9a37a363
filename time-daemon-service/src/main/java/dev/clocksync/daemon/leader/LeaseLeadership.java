package dev.clocksync.daemon.leader;

import dev.clocksync.daemon.DaemonProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Leader election among daemon replicas with a Kubernetes Lease (fabric8's LeaderElector on the
 * Spring Cloud Kubernetes client, whose requests are not retried, so that a leader cut off from
 * the API server stops leading at its renew deadline rather than much later).
 *
 * <p>The term is the Lease's transition count, read when leadership starts: it grows by one at
 * every change of holder, so it is a fencing token the agents can compare. Two replicas can
 * still both believe they lead for a moment during a partition; the agents' refusal of lower
 * terms is what keeps the deposed one from moving clocks.
 */
final class LeaseLeadership implements Leadership, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final String selfId;
    private final LeaseLock lock;
    private final DaemonProperties.Leader settings;
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, -1, null));
    private volatile CompletableFuture<?> election;
    private volatile boolean running;

    LeaseLeadership(KubernetesClient client, String selfId, String namespace, DaemonProperties.Leader settings) {
        this.client = client;
        this.selfId = selfId;
        this.settings = settings;
        this.lock = new LeaseLock(namespace, settings.leaseName(), selfId);
    }

    @Override
    public String selfId() {
        return selfId;
    }

    @Override
    public boolean isLeader() {
        return state.get().leading();
    }

    @Override
    public long term() {
        return state.get().term();
    }

    @Override
    public Optional<String> leaderId() {
        return Optional.ofNullable(state.get().leaderId()).filter(id -> !id.isEmpty());
    }

    @Override
    public String mode() {
        return "lease";
    }

    @Override
    public void start() {
        running = true;
        campaign();
    }

    /**
     * One election: acquire, then renew until renewal fails. fabric8's elector ends there, so a
     * replica that lost the lease (cut off from the API server, say) stands again as a candidate.
     */
    private void campaign() {
        LeaderElectionConfig config = new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(lock)
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                .build();
        CompletableFuture<?> started =
                client.leaderElector().withConfig(config).build().start();
        election = started;
        started.whenComplete((result, error) -> {
            if (running && !started.isCancelled()) {
                CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> {
                            if (running) {
                                campaign();
                            }
                        });
            }
        });
        log.info("{} stands for lease {}", selfId, settings.leaseName());
    }

    private void startedLeading() {
        long term = currentTerm();
        state.updateAndGet(s -> new State(true, term, selfId));
        log.info("{} leads with term {}", selfId, term);
    }

    private void stoppedLeading() {
        state.updateAndGet(s ->
                new State(false, s.term(), s.leaderId() == null || s.leaderId().equals(selfId) ? null : s.leaderId()));
        log.info("{} stopped leading", selfId);
    }

    private void newLeader(String leaderId) {
        state.updateAndGet(s -> new State(s.leading() && selfId.equals(leaderId), s.term(), leaderId));
        log.info("Leader is now {}", leaderId);
    }

    private long currentTerm() {
        LeaderElectionRecord record = lock.get(client);
        if (record == null) {
            throw new IllegalStateException("lease " + settings.leaseName() + " has no record after acquisition");
        }
        return record.getLeaderTransitions();
    }

    /** Cancelling the election releases the lease, so that a follower takes over at once. */
    @Override
    public void stop() {
        running = false;
        CompletableFuture<?> current = election;
        state.updateAndGet(s -> new State(false, s.term(), null));
        if (current != null) {
            current.cancel(true);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop late, start early: the round scheduler (default phase) stops before the lease is released. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private record State(boolean leading, long term, String leaderId) {}
}

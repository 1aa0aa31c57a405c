package dev.byline.syndication;

import dev.byline.database.DatabaseNotifications;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Knows the newest change committed to the feed by any instance, and wakes the long polls waiting for one; a waiting
 * poll holds no thread and no connection, only a timer and an entry here.
 *
 * <p>The feed's trigger (migration V6) sends a {@code change} notice when a change commits, wherever it was made.
 * A notice does not wake every poll into its own read: one short query asks for the newest seq, and only the polls
 * behind it are woken. So a notice that a poll has already seen, and the periodic re-check, cost one query however
 * many polls wait. The re-check runs every {@value #DEAF_RECHECK_MILLIS} ms while notices are not arriving (the
 * listening connection is down, so changes may go unannounced) and every {@value #LISTENING_RECHECK_MILLIS} ms
 * otherwise, in case a notice is lost anyway.
 */
@ApplicationScoped
public class ChangeWatch {

    private static final Logger LOG = Logger.getLogger(ChangeWatch.class);
    private static final long LISTENING_RECHECK_MILLIS = 5000;
    private static final long DEAF_RECHECK_MILLIS = 1000;

    private final DatabaseNotifications notifications;
    private final Vertx vertx;
    /** The newest seq known to be committed; it only grows, and only from what a query saw. */
    private final AtomicLong newest = new AtomicLong();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile long lastRefresh = System.nanoTime();
    /** A look has succeeded since notices last stopped arriving (see {@link #current()}). */
    private volatile boolean looked;

    public ChangeWatch(DatabaseNotifications notifications, Vertx vertx) {
        this.notifications = notifications;
        this.vertx = vertx;
    }

    void subscribe(@Observes StartupEvent startup) {
        notifications.subscribe(notice -> {
            // RESET: notices may have been missed while the connection was down; look once it breaks and is back.
            if (notice == DatabaseNotifications.Notice.RESET) {
                looked = false;
                refreshSoon();
            } else if ("change".equals(notice.kind())) {
                refreshSoon();
            }
        });
        refreshSoon(); // the listener's first RESET may have come before this subscription
    }

    /** The newest seq known to be committed; a read that starts after this call sees every change up to it. */
    long newest() {
        return newest.get();
    }

    /**
     * Whether {@link #newest()} is as new as what this instance has been told: notices are arriving and a look has
     * succeeded since they last stopped. Then a poll at or after it need not read: nothing newer has been announced,
     * and whatever commits next will be (a poll that skips the read when this is stale is still woken, by the
     * look that follows the RESET or by the re-check, only later).
     */
    boolean current() {
        return looked && notifications.listening();
    }

    /** How many polls are waiting now. */
    int waiting() {
        return waiters.size();
    }

    /**
     * Emits {@code true} once a change after {@code seq} is known to be committed, or {@code false} at
     * {@code deadline} (a {@link System#nanoTime()}) if none is; cancelling the Uni (the client went away) forgets
     * the poll. Emits on the thread that learnt of the change (a worker) or on the event loop at the deadline.
     */
    Uni<Boolean> changeAfter(long seq, long deadline) {
        return Uni.createFrom().emitter(emitter -> {
            long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (millis <= 0) {
                emitter.complete(newest.get() > seq);
                return;
            }
            Waiter waiter = new Waiter(seq, emitter);
            // However the poll ends (a change, the deadline, the client leaving), nothing of it stays behind.
            emitter.onTermination(waiter::forget);
            waiter.timer = vertx.setTimer(millis, id -> waiter.settle(false));
            waiters.add(waiter);
            // A change may have been learnt between the caller's read and add(): look after adding, so that either
            // this check or the next refresh() sees it.
            if (newest.get() > seq) {
                waiter.settle(true);
            }
            if (waiter.settled.get()) {
                waiter.forget(); // it may have ended (cancelled) before add() or before its timer was set
            }
        });
    }

    /** The fallback for lost notices; a query only when polls wait and no notice has been heard for a while. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRefresh);
        if (!waiters.isEmpty() && idle >= (notifications.listening() ? LISTENING_RECHECK_MILLIS : DEAF_RECHECK_MILLIS)) {
            refresh();
        }
    }

    /** Looks for the newest change on a worker thread; notices that arrive before it starts share one look. */
    private void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::refresh);
        }
    }

    private void refresh() {
        refreshQueued.set(false); // a notice from now on queues another look, which will see its change
        lastRefresh = System.nanoTime();
        long seq;
        try {
            seq = QuarkusTransaction.requiringNew().call(ChangeWatch::newestSeq);
        } catch (RuntimeException e) {
            // The database is unreachable: polls keep waiting until their deadline, and the re-check tries again.
            LOG.debugf("Could not read the newest change: %s", e.getMessage());
            return;
        }
        long now = newest.accumulateAndGet(seq, Math::max);
        looked = true;
        for (Waiter waiter : waiters) {
            if (waiter.seq < now) {
                waiter.settle(true);
            }
        }
    }

    /** The newest seq committed, 0 while the feed is empty: one step back along the primary key. */
    private static long newestSeq() {
        Long seq = ArticleChange.getEntityManager()
                .createQuery("select max(c.seq) from ArticleChange c", Long.class)
                .getSingleResult();
        return seq == null ? 0 : seq;
    }

    /** One parked poll: the seq it has seen, and how to wake it. */
    private final class Waiter {
        final long seq;
        final UniEmitter<? super Boolean> emitter;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile long timer = -1;

        Waiter(long seq, UniEmitter<? super Boolean> emitter) {
            this.seq = seq;
            this.emitter = emitter;
        }

        void settle(boolean changed) {
            if (settled.compareAndSet(false, true)) {
                emitter.complete(changed);
            }
        }

        void forget() {
            settled.set(true);
            waiters.remove(this);
            vertx.cancelTimer(timer);
        }
    }
}

package dev.byline.support;

import dev.byline.database.Sql;
import io.quarkus.arc.Arc;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Counts the SQL statements a request runs: those Hibernate prepares (statistics are on in the test profile) and
 * those the plain-JDBC read paths run ({@link Sql}).
 *
 * <p>The counts are global, so nothing else may run statements meanwhile. Scheduled jobs (the time rules run every
 * second in tests) are held while counting, once those under way have ended ({@link ScheduledJobs}); and what an
 * earlier request set going after its answer (a webhook sweep woken by its change notice) is waited for: counting
 * starts once no statement has run for {@link #QUIET}: a condition polled for, not a fixed pause, that is met at
 * once when nothing runs and waits as long as something does.
 */
public final class SqlStatements {

    private static final Duration JOBS_TIMEOUT = Duration.ofSeconds(30);
    /**
     * No statement for this long: what earlier requests set going has ended (a change notice reaches the webhook
     * sweep within milliseconds; this leaves room for a loaded machine).
     */
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(10);

    private SqlStatements() {
    }

    public static long during(EntityManagerFactory factory, Runnable action) {
        if (!ConfigProvider.getConfig().getOptionalValue("quarkus.scheduler.tracing.enabled", Boolean.class)
                .orElse(false)) {
            throw new IllegalStateException("ScheduledJobs sees the jobs only with quarkus.scheduler.tracing.enabled");
        }
        ScheduledJobs jobs = Arc.container().instance(ScheduledJobs.class).get();
        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        Sql sql = Arc.container().instance(Sql.class).get();
        try {
            jobs.holdAndAwaitIdle(JOBS_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            awaitQuiet(statistics, sql);
            statistics.clear();
            long plainBefore = sql.executed();
            action.run();
            return statistics.getPrepareStatementCount() + sql.executed() - plainBefore;
        } finally {
            jobs.release();
        }
    }

    /** Waits until no statement has run for {@link #QUIET}. */
    private static void awaitQuiet(Statistics statistics, Sql sql) {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        long seen = statistics.getPrepareStatementCount() + sql.executed();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("statements kept running for " + QUIET_TIMEOUT + " before counting");
            }
            LockSupport.parkNanos(POLL_NANOS);
            long now = statistics.getPrepareStatementCount() + sql.executed();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }
}

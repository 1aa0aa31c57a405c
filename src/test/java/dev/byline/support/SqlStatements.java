package dev.byline.support;

import dev.byline.database.Sql;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduler;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Counts the SQL statements a request runs: those Hibernate prepares (statistics are on in the test profile) and
 * those the plain-JDBC read paths run ({@link Sql}).
 *
 * <p>The statistics are global, so scheduled jobs (the time rules run every second in tests) are paused while
 * counting, after giving a run already under way a moment to end; otherwise their statements would be counted
 * as the request's now and then.
 */
public final class SqlStatements {

    private static final long SETTLE_MILLIS = 150;

    private SqlStatements() {
    }

    public static long during(EntityManagerFactory factory, Runnable action) {
        Scheduler scheduler = Arc.container().instance(Scheduler.class).get();
        scheduler.pause();
        try {
            Thread.sleep(SETTLE_MILLIS);
            Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
            Sql sql = Arc.container().instance(Sql.class).get();
            statistics.clear();
            long plainBefore = sql.executed();
            action.run();
            return statistics.getPrepareStatementCount() + sql.executed() - plainBefore;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            scheduler.resume();
        }
    }
}

package dev.byline.support;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/** Counts the SQL statements Hibernate prepares while a request runs (statistics are on in the test profile). */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static long during(EntityManagerFactory factory, Runnable action) {
        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        action.run();
        return statistics.getPrepareStatementCount();
    }
}

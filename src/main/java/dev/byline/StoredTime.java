package dev.byline;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times at the precision PostgreSQL stores ({@code timestamptz} keeps microseconds): a time written and read back
 * compares equal to the one kept in memory, so ETags, cursors and cached views agree with the database. The time
 * itself comes from the application's {@link Clock} ({@link SystemClock}).
 */
public final class StoredTime {

    private StoredTime() {
    }

    /** The {@code clock}'s now, to the microsecond. */
    public static Instant now(Clock clock) {
        return of(clock.instant());
    }

    /** {@code time} to the microsecond, or null when absent. */
    public static Instant of(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }
}

package dev.byline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one {@link Clock} Byline takes the time from: services have it injected instead of calling
 * {@code Instant.now()}, so that a test can fix or move the time ({@code QuarkusMock.installMockForType}). Rules
 * evaluated by the database ({@code now()} in SQL) keep the database's time.
 */
@ApplicationScoped
public class SystemClock {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}

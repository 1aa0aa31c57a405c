package dev.byline.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small allowances over a long window, so a bucket stays empty for the rest of a test: the one profile the rate-limit
 * tests share, so Quarkus restarts once for all of them. Anonymous calls draw from one bucket per address, so only
 * {@code RateLimitTest} may make them here; the other classes call with keys of their own.
 */
public class SmallRateLimits implements QuarkusTestProfile {

    public static final int ANONYMOUS = 7;
    public static final int KEYED = 8;
    public static final int COMMENTS = 3;
    public static final int WINDOW_SECONDS = 3600;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("byline.rate-limit.anonymous-requests", String.valueOf(ANONYMOUS),
                "byline.rate-limit.key-requests", String.valueOf(KEYED),
                "byline.rate-limit.window-seconds", String.valueOf(WINDOW_SECONDS),
                "byline.rate-limit.comment-requests", String.valueOf(COMMENTS),
                "byline.rate-limit.comment-window-seconds", String.valueOf(WINDOW_SECONDS));
    }
}

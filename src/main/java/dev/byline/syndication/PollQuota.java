package dev.byline.syndication;

import dev.byline.BylineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Counts the long polls each key has waiting on this instance, so that one partner cannot park without limit; a
 * partner's normal fan-out (a poller per region, section or worker) fits under the default.
 */
@ApplicationScoped
public class PollQuota {

    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();
    private final IntSupplier max;

    @Inject
    PollQuota(BylineConfig config) {
        this(() -> config.syndication().maxPollsPerKey());
    }

    PollQuota(IntSupplier max) {
        this.max = max;
    }

    /** The most polls one key may have waiting at once. */
    int max() {
        return max.getAsInt();
    }

    /**
     * Counts one more poll of {@code key}, or nothing when the key already has {@link #max()} waiting. The
     * returned action gives the place back; calling it again does nothing, so every way a poll ends may call it.
     */
    Optional<Runnable> admit(String key) {
        int limit = max();
        AtomicBoolean admitted = new AtomicBoolean();
        waiting.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            admitted.set(true);
            return now + 1;
        });
        if (!admitted.get()) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                waiting.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    /** How many polls {@code key} has waiting now. */
    int waiting(String key) {
        return waiting.getOrDefault(key, 0);
    }
}

package dev.byline.security;

import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets kept in this process's memory: each bucket holds up to {@code capacity} tokens and refills
 * continuously over the window. With several instances each keeps its own buckets (see README).
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** The outcome of one attempt: whether it was allowed, what is left, and when the bucket is full again. */
    public record Decision(boolean allowed, int remaining, long secondsUntilFull, long secondsUntilNext) {
    }

    public Decision consume(String policy, String subject, int capacity, int windowSeconds) {
        if (buckets.size() > MAX_BUCKETS) {
            evictFull();
        }
        Bucket bucket = buckets.computeIfAbsent(policy + "|" + subject, k -> new Bucket(capacity, windowSeconds));
        return bucket.take(System.nanoTime());
    }

    /** Gives a token back, for requests that turn out not to count (a 304 revalidation). */
    public void refund(String policy, String subject) {
        Bucket bucket = buckets.get(policy + "|" + subject);
        if (bucket != null) {
            bucket.giveBack();
        }
    }

    private void evictFull() {
        long now = System.nanoTime();
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            if (it.next().isFull(now)) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        private final int capacity;
        private final double tokensPerNano;
        private double tokens;
        private long updated;

        Bucket(int capacity, int windowSeconds) {
            this.capacity = capacity;
            this.tokensPerNano = capacity / (windowSeconds * 1e9);
            this.tokens = capacity;
            this.updated = System.nanoTime();
        }

        synchronized Decision take(long now) {
            refill(now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long untilFull = (long) Math.ceil((capacity - tokens) / tokensPerNano / 1e9);
            long untilNext = allowed ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9);
            return new Decision(allowed, (int) Math.floor(tokens), untilFull, Math.max(1, untilNext));
        }

        synchronized void giveBack() {
            tokens = Math.min(capacity, tokens + 1);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}

package dev.byline.syndication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-key count of waiting long polls, without the HTTP around it. */
class PollQuotaTest {

    @Test
    void aKeyMayHaveUpToTheMaximumWaitingAndEveryKeyCountsAlone() {
        PollQuota quota = new PollQuota(() -> 2);
        Runnable first = quota.admit("a").orElseThrow();
        quota.admit("a").orElseThrow();
        assertTrue(quota.admit("a").isEmpty(), "a third poll of the same key is refused");
        assertTrue(quota.admit("b").isPresent(), "another key has its own count");

        first.run();
        assertEquals(1, quota.waiting("a"));
        assertTrue(quota.admit("a").isPresent(), "a place given back can be taken again");
    }

    @Test
    void givingAPlaceBackTwiceCountsOnce() {
        PollQuota quota = new PollQuota(() -> 2);
        Runnable first = quota.admit("a").orElseThrow();
        quota.admit("a").orElseThrow();
        first.run();
        first.run(); // a poll that ends twice (timed out, then the client left) must not free a second place
        assertEquals(1, quota.waiting("a"));
    }

    @Test
    void aLowerMaximumAppliesToTheNextPoll() {
        AtomicInteger max = new AtomicInteger(3);
        PollQuota quota = new PollQuota(max::get);
        quota.admit("a").orElseThrow();
        quota.admit("a").orElseThrow();
        max.set(2);
        assertTrue(quota.admit("a").isEmpty());
    }

    @Test
    void concurrentPollsNeverExceedTheMaximumAndAllPlacesComeBack() throws Exception {
        PollQuota quota = new PollQuota(() -> 4);
        ExecutorService pollers = Executors.newFixedThreadPool(8);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(pollers.submit(() -> {
                for (int n = 0; n < 2000; n++) {
                    quota.admit("k").ifPresentOrElse(release -> {
                        admitted.incrementAndGet();
                        most.accumulateAndGet(quota.waiting("k"), Math::max);
                        Thread.yield();
                        release.run();
                    }, refused::incrementAndGet);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pollers.shutdown();
        assertEquals(8 * 2000, admitted.get() + refused.get());
        assertTrue(most.get() <= 4, "at most 4 at once, saw " + most.get());
        assertEquals(0, quota.waiting("k"));
    }
}

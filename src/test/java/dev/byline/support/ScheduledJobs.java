package dev.byline.support;

import io.quarkus.scheduler.spi.JobInstrumenter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Knows which scheduled jobs are running, for {@link SqlStatements}: the scheduler calls every job through it (as it
 * would call a tracer; {@code quarkus.scheduler.tracing.enabled} is on in the test profile). While jobs are held, a
 * job that comes due is skipped, as if the scheduler had been paused a moment earlier.
 */
@Singleton
public class ScheduledJobs implements JobInstrumenter {

    private int running;
    private int holds;

    @Override
    public CompletionStage<Void> instrument(JobInstrumentationContext job) {
        synchronized (this) {
            if (holds > 0) {
                return CompletableFuture.completedFuture(null);
            }
            running++;
        }
        try {
            return job.executeJob().whenComplete((done, failure) -> ended());
        } catch (RuntimeException e) {
            ended();
            throw e;
        }
    }

    /**
     * Holds back jobs that come due from now on and waits for those under way to end; {@link #release} lets them run
     * again.
     */
    public synchronized void holdAndAwaitIdle(Duration timeout) throws InterruptedException {
        holds++;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                holds--;
                throw new IllegalStateException(running + " scheduled job(s) still running after " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized void release() {
        holds--;
    }

    private synchronized void ended() {
        running--;
        notifyAll();
    }
}

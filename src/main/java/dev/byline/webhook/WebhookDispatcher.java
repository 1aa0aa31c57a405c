package dev.byline.webhook;

import dev.byline.BylineConfig;
import dev.byline.database.DatabaseNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends webhooks: claims subscriptions with due work ({@link WebhookQueue}) and delivers each one's events in order,
 * one at a time, on a small pool of its own threads (never the event loop, never a request's worker).
 *
 * <p>A change committed anywhere wakes it at once through the feed's {@code change} notice; a timer looks again
 * every few seconds in case a notice was lost, and a failed delivery sets a timer for its retry. Everything it
 * knows between deliveries is in the database, so stopping it (or the process) loses nothing: whatever was not
 * delivered is delivered by the next instance to claim the subscription.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Events sent to one subscription before it is given back, so that one busy partner cannot hold a worker. */
    private static final int EVENTS_PER_TURN = 50;
    private static final String USER_AGENT = "Byline-Webhooks/1";

    private final WebhookQueue queue;
    private final WebhookTargets targets;
    private final DatabaseNotifications notifications;
    private final Vertx vertx;
    private final BylineConfig.Webhooks config;
    private final Set<UUID> delivering = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweepQueued = new AtomicBoolean();

    private volatile boolean running;
    private volatile UUID token;
    private volatile ThreadPoolExecutor workers;
    private volatile HttpClient client;
    private final Clock clock;

    public WebhookDispatcher(WebhookQueue queue, WebhookTargets targets, DatabaseNotifications notifications,
            Vertx vertx, BylineConfig config, Clock clock) {
        this.clock = clock;
        this.queue = queue;
        this.targets = targets;
        this.notifications = notifications;
        this.vertx = vertx;
        this.config = config.webhooks();
    }

    void onStart(@Observes StartupEvent startup) {
        notifications.subscribe(notice -> {
            if ("change".equals(notice.kind()) || notice == DatabaseNotifications.Notice.RESET) {
                sweepSoon();
            }
        });
        if (config.enabled()) {
            start();
        }
    }

    /** A resume, a redelivery or a new URL left work to do now: look once the write has committed. */
    void armed(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookService.Armed armed) {
        sweepSoon();
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Starts delivering, as a new claimant: claims held under an earlier start are another instance's now. */
    public synchronized void start() {
        if (running) {
            return;
        }
        token = UUID.randomUUID();
        AtomicInteger threads = new AtomicInteger();
        workers = new ThreadPoolExecutor(config.workers(), config.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "byline-webhooks-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        running = true;
        sweepSoon();
    }

    /**
     * Stops delivering: waits briefly for deliveries under way, then gives back every subscription this instance
     * holds, so that another instance (or the next start) takes them at once rather than when the claims expire.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        ExecutorService pool = workers;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            queue.releaseAll(token);
        } catch (RuntimeException e) {
            LOG.debugf("Could not give back webhook subscriptions on stopping (%s); their claims expire", e.getMessage());
        }
        delivering.clear();
        sweepQueued.set(false);
    }

    /** Whether this instance is delivering. */
    public boolean running() {
        return running;
    }

    /** The fallback for lost notices and the pruning of the delivery log. */
    @Scheduled(every = "${byline.webhooks.poll-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        sweepSoon();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        if (running) {
            queue.prune();
        }
    }

    /** Looks for due work on a worker; requests that arrive before it starts share one look. */
    void sweepSoon() {
        if (running && sweepQueued.compareAndSet(false, true)) {
            if (!submit(this::sweep)) {
                sweepQueued.set(false);
            }
        }
    }

    private void sweep() {
        sweepQueued.set(false); // whatever happens from now on asks for another look, which will see it
        UUID claimant = token;
        int free = config.workers() - delivering.size();
        if (!running || free <= 0) {
            return; // a delivery that ends looks again
        }
        List<UUID> claimed;
        try {
            claimed = queue.claim(claimant, free);
        } catch (RuntimeException e) {
            LOG.debugf("Could not look for webhook deliveries (%s); looking again soon", e.getMessage());
            return;
        }
        for (UUID subscription : claimed) {
            delivering.add(subscription);
            if (!submit(() -> deliverTurn(subscription, claimant))) {
                delivering.remove(subscription);
            }
        }
    }

    /** Delivers a claimed subscription's events in order until it has none due, or its turn is over. */
    private void deliverTurn(UUID subscription, UUID claimant) {
        try {
            for (int sent = 0; sent < EVENTS_PER_TURN && running; sent++) {
                Optional<WebhookQueue.Work> work = queue.next(subscription, claimant);
                if (work.isEmpty()) {
                    break;
                }
                WebhookQueue.Next next = queue.record(work.get(), send(work.get()), claimant);
                if (!next.now()) {
                    if (next.retryAt() != null) {
                        wakeAt(next.retryAt());
                    }
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery of subscription %s stopped (%s); it is retried", subscription, e.getMessage());
        } finally {
            try {
                queue.release(subscription, claimant);
            } catch (RuntimeException e) {
                LOG.debugf("Could not give back webhook subscription %s (%s); its claim expires", subscription,
                        e.getMessage());
            }
            delivering.remove(subscription);
        }
        sweepSoon(); // the turn may have ended with work left, or a change may have come in meanwhile
    }

    /**
     * The HTTP client, made at the first delivery rather than at start: making one loads the JDK's whole HTTP
     * client (a few hundred milliseconds of start-up) and most instances deliver nothing for a while.
     */
    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = HttpClient.newBuilder()
                            .connectTimeout(config.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = made;
                }
            }
        }
        return made;
    }

    /** One attempt: a signed POST, judged by its status alone (2xx succeeds), without following redirects. */
    WebhookQueue.Attempt send(WebhookQueue.Work work) {
        long started = System.nanoTime();
        try {
            targets.check(work.url());
        } catch (WebhookTargets.Refused refused) {
            return new WebhookQueue.Attempt(null, 0, "Not sent: the URL " + refused.getMessage() + ".", null);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(work.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", work.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSecrets.sign(work.key(), work.eventId(), timestamp, work.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(work.body()))
                .build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            // Only the status counts; the body is not read, so a receiver cannot hold the worker by trickling it.
            response.body().close();
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new WebhookQueue.Attempt(status, millisSince(started),
                    ok ? null : "The receiver answered HTTP " + status + (status >= 300 && status < 400
                            ? " (redirects are not followed: subscribe the final URL)" : "") + ".",
                    retryAfter(response));
        } catch (HttpConnectTimeoutException e) {
            return failed(started, "Could not connect within " + WebhookQueue.describe(config.connectTimeout()) + ".");
        } catch (HttpTimeoutException e) {
            return failed(started, "No answer within " + WebhookQueue.describe(config.requestTimeout()) + ".");
        } catch (ConnectException e) {
            return failed(started, "Could not connect to " + work.url().getHost() + ".");
        } catch (IOException e) {
            return failed(started, "The connection failed" + (e.getMessage() == null ? "." : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, "Interrupted as Byline stopped.");
        }
    }

    private static WebhookQueue.Attempt failed(long started, String error) {
        return new WebhookQueue.Attempt(null, millisSince(started), error, null);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 429 && status != 503) {
            return null;
        }
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the backoff decides
            }
        }).orElse(null);
    }

    private void wakeAt(Instant at) {
        long millis = Math.max(1, Duration.between(clock.instant(), at).toMillis());
        vertx.setTimer(millis, id -> sweepSoon());
    }

    private boolean submit(Runnable task) {
        ExecutorService pool = workers;
        if (!running || pool == null) {
            return false;
        }
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // stopping
        }
    }

    private static int millisSince(long started) {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}

package dev.byline.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.BylineConfig;
import dev.byline.syndication.ArticleChange;
import dev.byline.syndication.ChangeItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery queue, kept in PostgreSQL: each subscription's position in the change feed, its retry state, and who
 * is delivering it now. Each method is one short transaction; no transaction is open while a receiver is called.
 *
 * <p>An instance delivers a subscription only while it holds the subscription's claim (a token and a time limit on
 * the row, taken with {@code FOR UPDATE SKIP LOCKED}), so instances sharing a database never send one subscription's
 * events at the same time, and order holds. A claim outlives its holder only until its time limit, which covers one
 * delivery's timeouts: an instance that dies mid-delivery is replaced soon after, and the event it was sending is
 * sent again (with the same {@code webhook-id}).
 */
@ApplicationScoped
public class WebhookQueue {

    /** One event to send to one subscription. */
    record Work(UUID subscription, URI url, byte[] key, long seq, String eventId, String eventType, UUID articleId,
            byte[] body, Long redeliveryId, int attempts, Instant failingSince) {

        boolean redelivery() {
            return redeliveryId != null;
        }
    }

    /** What came of one attempt: the receiver's status, or why there was none. */
    record Attempt(Integer statusCode, int durationMillis, String error, Duration retryAfter) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /** 410 Gone: the receiver wants no more deliveries (Standard Webhooks: disable the endpoint). */
        boolean gone() {
            return statusCode != null && statusCode == 410;
        }
    }

    /** Whether to go on with the subscription's next event now, or when to try again. */
    record Next(boolean now, Instant retryAt) {
        static final Next STOP = new Next(false, null);
        static final Next NOW = new Next(true, null);
    }

    private final EntityManager entityManager;
    private final WebhookSecrets secrets;
    private final ObjectMapper mapper;
    private final BylineConfig.Webhooks config;
    private final Clock clock;

    public WebhookQueue(EntityManager entityManager, WebhookSecrets secrets, ObjectMapper mapper, BylineConfig config,
            Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.secrets = secrets;
        this.mapper = mapper;
        this.config = config.webhooks();
    }

    /** How long a claim lasts without renewal: one delivery's timeouts and a margin. */
    Duration lease() {
        return config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
    }

    /**
     * Claims for {@code token} up to {@code max} active subscriptions that have something to send now: a
     * redelivery, or changes after their position once their retry is due. Subscriptions of revoked, expired or
     * no-longer-partner keys are left alone.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<UUID> claim(UUID token, int max) {
        return entityManager.createNativeQuery("""
                update webhook_subscription s set claim_token = ?1, claimed_until = now() + ?2 * interval '1 millisecond'
                where s.id in (
                    select w.id from webhook_subscription w join api_key k on k.id = w.key_id
                    where w.status = 'active' and (w.claimed_until is null or w.claimed_until < now())
                      and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
                      and k.roles && array['partner', 'admin']::text[]
                      and ((w.next_attempt_at <= now()
                            and w.position < (select coalesce(max(c.seq), 0) from article_change c))
                           or exists (select 1 from webhook_redelivery r where r.subscription_id = w.id))
                    order by w.next_attempt_at
                    limit ?3
                    for update of w skip locked)
                returning s.id""")
                .setParameter(1, token)
                .setParameter(2, lease().toMillis())
                .setParameter(3, max)
                .getResultList();
    }

    /**
     * The next event to send to a subscription this token holds, renewing the claim: the oldest redelivery asked
     * for, else (when its retry is due) the first change after its position that its filters let through. When the
     * filters let nothing through, the position moves past what was looked at, so it is not looked at again.
     */
    @Transactional
    public Optional<Work> next(UUID subscriptionId, UUID token) {
        int held = entityManager.createNativeQuery("""
                update webhook_subscription set claimed_until = now() + ?3 * interval '1 millisecond'
                where id = ?1 and claim_token = ?2 and status = 'active'""")
                .setParameter(1, subscriptionId).setParameter(2, token).setParameter(3, lease().toMillis())
                .executeUpdate();
        if (held == 0) {
            return Optional.empty(); // deleted, paused, or taken over by another instance
        }
        WebhookSubscription subscription = entityManager.find(WebhookSubscription.class, subscriptionId);
        List<?> redelivery = entityManager.createNativeQuery("""
                select r.id, r.seq from webhook_redelivery r where r.subscription_id = ?1 order by r.id limit 1""")
                .setParameter(1, subscriptionId).getResultList();
        if (!redelivery.isEmpty()) {
            Object[] row = (Object[]) redelivery.get(0);
            long redeliveryId = ((Number) row[0]).longValue();
            ArticleChange change = entityManager.find(ArticleChange.class, ((Number) row[1]).longValue());
            if (change != null) {
                return Optional.of(work(subscription, change, redeliveryId));
            }
            // The feed keeps every change, so this is a hand-made row: drop it rather than claim it forever.
            entityManager.createNativeQuery("delete from webhook_redelivery where id = ?1")
                    .setParameter(1, redeliveryId).executeUpdate();
            return Optional.empty();
        }
        if (subscription.nextAttemptAt.isAfter(clock.instant())) {
            return Optional.empty();
        }
        long horizon = ((Number) entityManager.createNativeQuery(
                "select coalesce(max(seq), 0) from article_change").getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<ArticleChange> next = entityManager.createNativeQuery("""
                select c.seq, c.article_id, c.kind, c.version, c.at, c.slug, c.embargoed_until
                from webhook_subscription w
                join article_change c on c.seq > w.position and c.seq <= ?2
                where w.id = ?1
                  and (cardinality(w.events) = 0 or 'article.' || c.kind = any(w.events))
                  and ((cardinality(w.sections) = 0 and cardinality(w.sources) = 0)
                       or exists (select 1 from article_change p
                                  where p.article_id = c.article_id and p.seq <= c.seq
                                    and (cardinality(w.sections) = 0 or p.section = any(w.sections))
                                    and (cardinality(w.sources) = 0 or p.source_id in
                                         (select s.id from source s where s.slug = any(w.sources)))))
                order by c.seq
                limit 1""", ArticleChange.class)
                .setParameter(1, subscriptionId).setParameter(2, horizon)
                .getResultList();
        if (next.isEmpty()) {
            entityManager.createNativeQuery("update webhook_subscription set position = ?2 where id = ?1 and position < ?2")
                    .setParameter(1, subscriptionId).setParameter(2, horizon).executeUpdate();
            return Optional.empty();
        }
        return Optional.of(work(subscription, next.get(0), null));
    }

    private Work work(WebhookSubscription subscription, ArticleChange change, Long redeliveryId) {
        ChangeItem item = ChangeItem.from(change, URI.create(subscription.baseUrl));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(WebhookEvent.of(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Work(subscription.id, URI.create(subscription.url), secrets.open(subscription.id, subscription.secret),
                change.seq, WebhookEvent.id(subscription.id, change.seq), WebhookEvent.type(item.kind()),
                change.articleId, body,
                redeliveryId, subscription.attempts, subscription.failingSince);
    }

    /**
     * Logs an attempt and moves the subscription on: past the event when it was delivered; to a later retry when
     * it failed; to paused when the receiver answered 410 Gone or deliveries of this event have failed for the
     * whole retry window. A redelivery is sent once, whatever its outcome, and moves nothing.
     */
    @Transactional
    public Next record(Work work, Attempt attempt, UUID token) {
        entityManager.createNativeQuery("""
                insert into webhook_delivery (subscription_id, seq, event_type, article_id, attempt, redelivery,
                                              outcome, status_code, duration_ms, error, at)
                select ?1, ?2, ?3, ?9,
                       (select count(*) + 1 from webhook_delivery d where d.subscription_id = ?1 and d.seq = ?2),
                       ?4, ?5, cast(?6 as integer), ?7, cast(?8 as text), now()
                where exists (select 1 from webhook_subscription where id = ?1)""")
                .setParameter(1, work.subscription())
                .setParameter(2, work.seq())
                .setParameter(3, work.eventType())
                .setParameter(4, work.redelivery())
                .setParameter(5, attempt.succeeded() ? "succeeded" : "failed")
                .setParameter(6, attempt.statusCode())
                .setParameter(7, attempt.durationMillis())
                .setParameter(8, attempt.error())
                .setParameter(9, work.articleId())
                .executeUpdate();
        if (work.redelivery()) {
            entityManager.createNativeQuery("delete from webhook_redelivery where id = ?1")
                    .setParameter(1, work.redeliveryId()).executeUpdate();
            return Next.NOW;
        }
        if (attempt.succeeded()) {
            int moved = entityManager.createNativeQuery("""
                    update webhook_subscription
                    set position = ?2, attempts = 0, failing_since = null, next_attempt_at = now()
                    where id = ?1 and claim_token = ?3 and position < ?2""")
                    .setParameter(1, work.subscription()).setParameter(2, work.seq()).setParameter(3, token)
                    .executeUpdate();
            return moved == 1 ? Next.NOW : Next.STOP;
        }
        int attempts = work.attempts() + 1;
        Instant now = clock.instant();
        Instant failingSince = work.failingSince() == null ? now : work.failingSince();
        String pause = null;
        if (attempt.gone()) {
            pause = "The receiver answered 410 Gone, which asks for no more deliveries; fix or replace the URL, then"
                    + " resume.";
        } else if (!Duration.between(failingSince, now).minus(config.retryWindow()).isNegative()) {
            pause = "Every delivery of " + work.eventId() + " failed for " + describe(config.retryWindow()) + " ("
                    + attempts + " attempts; the last: " + describe(attempt) + "). Resume to try again from this event.";
        }
        if (pause != null) {
            entityManager.createNativeQuery("""
                    update webhook_subscription
                    set status = 'paused', paused_at = now(), paused_reason = ?3, attempts = ?4,
                        failing_since = coalesce(failing_since, now()), claim_token = null, claimed_until = null,
                        version = version + 1, updated_at = now()
                    where id = ?1 and claim_token = ?2""")
                    .setParameter(1, work.subscription()).setParameter(2, token).setParameter(3, pause)
                    .setParameter(4, attempts).executeUpdate();
            return Next.STOP;
        }
        Duration delay = delay(config.retryInitialDelay(), config.retryMaxDelay(), attempts, attempt.retryAfter(),
                ThreadLocalRandom.current().nextDouble());
        entityManager.createNativeQuery("""
                update webhook_subscription
                set attempts = ?3, failing_since = coalesce(failing_since, now()),
                    next_attempt_at = now() + ?4 * interval '1 millisecond'
                where id = ?1 and claim_token = ?2""")
                .setParameter(1, work.subscription()).setParameter(2, token).setParameter(3, attempts)
                .setParameter(4, delay.toMillis()).executeUpdate();
        return new Next(false, now.plus(delay));
    }

    /**
     * The wait before retry {@code attempts} (1 for the first): the initial delay doubled for each earlier failure,
     * varied by ±20 % ({@code random} in [0, 1)) so that receivers that failed together are not all retried at once,
     * and at most the maximum. A Retry-After from the receiver (429, 503) is honoured up to the maximum.
     */
    static Duration delay(Duration initial, Duration max, int attempts, Duration retryAfter, double random) {
        Duration base = initial;
        for (int i = 1; i < attempts && base.compareTo(max) < 0; i++) {
            base = base.multipliedBy(2);
        }
        Duration delay = Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * (0.8 + 0.4 * random))));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Gives the subscription back, so that any instance may take it when it next has work. */
    @Transactional
    public void release(UUID subscriptionId, UUID token) {
        entityManager.createNativeQuery(
                "update webhook_subscription set claim_token = null, claimed_until = null where id = ?1 and claim_token = ?2")
                .setParameter(1, subscriptionId).setParameter(2, token).executeUpdate();
    }

    /** Gives back every subscription {@code token} holds (the dispatcher is stopping). */
    @Transactional
    public void releaseAll(UUID token) {
        entityManager.createNativeQuery(
                "update webhook_subscription set claim_token = null, claimed_until = null where claim_token = ?1")
                .setParameter(1, token).executeUpdate();
    }

    /** Deletes delivery-log entries older than the retention. */
    @Transactional
    public int prune() {
        return entityManager.createNativeQuery(
                "delete from webhook_delivery where at < now() - ?1 * interval '1 millisecond'")
                .setParameter(1, config.logRetention().toMillis()).executeUpdate();
    }

    private static String describe(Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error();
    }

    static String describe(Duration duration) {
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMinutes() > 0 && duration.toSecondsPart() == 0 && duration.toMillisPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

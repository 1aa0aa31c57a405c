package dev.byline.webhook;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.StoredTime;
import dev.byline.audit.Audited;
import dev.byline.database.TimeOrderedIds;
import dev.byline.source.Source;
import dev.byline.web.CursorCodec;
import dev.byline.web.InputValidator;
import dev.byline.web.Page;
import dev.byline.web.IfMatch;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Partners' webhook subscriptions: each belongs to the API key that created it, which alone manages it (with
 * administrators, who see all). Every write is audited; writes that give the dispatcher work wake it once they
 * commit.
 */
@ApplicationScoped
public class WebhookService {

    private static final String CURSOR_SCOPE = "webhooks";
    private static final String DELIVERY_CURSOR_SCOPE = "webhook-deliveries";

    /** Fired when a committed write leaves a subscription with something to send now (see WebhookDispatcher). */
    public record Armed(UUID subscription) {
    }

    private final InputValidator validator;
    private final CursorCodec cursors;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final Caller caller;
    private final EntityManager entityManager;
    private final Event<Armed> armed;
    private final int maxPerKey;
    private final Clock clock;

    public WebhookService(InputValidator validator, CursorCodec cursors, WebhookSecrets secrets, WebhookTargets targets,
            Caller caller, EntityManager entityManager, Event<Armed> armed, BylineConfig config, Clock clock) {
        this.clock = clock;
        this.validator = validator;
        this.cursors = cursors;
        this.secrets = secrets;
        this.targets = targets;
        this.caller = caller;
        this.entityManager = entityManager;
        this.armed = armed;
        this.maxPerKey = config.webhooks().maxPerKey();
    }

    /**
     * Subscribes the caller's key from the next change on: events already in the feed are not sent (read them
     * from GET /changes). The signing secret is in this response only.
     */
    @Transactional
    @Audited(action = "webhook.create", target = "webhook")
    public WebhookView create(WebhookInput input, URI baseUri) {
        validator.validate(input);
        UUID owner = caller.keyId();
        if (owner == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Webhooks belong to an API key; call with the partner's key.");
        }
        checkTarget(input.url());
        checkSources(input.sources());
        // Serialises this key's creations, so that two at once cannot both pass the limit.
        entityManager.createNativeQuery("select id from api_key where id = ?1 for update").setParameter(1, owner)
                .getResultList();
        if (WebhookSubscription.countOf(owner) >= maxPerKey) {
            throw ProblemException.conflict("This key already has " + maxPerKey + " webhooks, the most one key may"
                    + " have; delete one first.");
        }
        Instant now = StoredTime.now(clock);
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = TimeOrderedIds.next();
        subscription.keyId = owner;
        apply(subscription, input);
        subscription.baseUrl = baseUri.toString();
        byte[] key = WebhookSecrets.generate();
        subscription.secret = secrets.seal(subscription.id, key);
        subscription.status = WebhookStatus.ACTIVE;
        // Every change up to the newest committed one is before this subscription (they commit in seq order).
        subscription.position = ((Number) entityManager
                .createNativeQuery("select coalesce(max(seq), 0) from article_change").getSingleResult()).longValue();
        subscription.nextAttemptAt = now;
        subscription.createdAt = now;
        subscription.updatedAt = now;
        subscription.persist();
        return WebhookView.created(subscription, WebhookSecrets.show(key));
    }

    /** The caller's subscriptions (an administrator's: everyone's), newest first. */
    @Transactional
    public Page<WebhookView> list(int limit, String cursor) {
        UUID before = cursor == null ? null : cursors.decode(scope(), cursor, 1).uuid(0);
        List<WebhookSubscription> rows = WebhookSubscription.pageBefore(caller.isAdmin() ? null : caller.keyId(), before,
                CursorCodec.fetchSize(limit));
        return cursors.page(scope(), rows, limit, last -> List.of(last.id.toString()), WebhookView::from);
    }

    @Transactional
    public WebhookView get(UUID id) {
        return WebhookView.from(visible(WebhookSubscription.findById(id), id));
    }

    /**
     * Applies a merge patch. A new URL is checked like a new subscription's, and a failing event is tried again
     * at once rather than at its next retry.
     */
    @Transactional
    @Audited(action = "webhook.update", target = "webhook")
    public WebhookView update(UUID id, WebhookPatch patch, IfMatch ifMatch) {
        WebhookSubscription subscription = forUpdate(id);
        ifMatch.require(subscription.version, "webhook");
        WebhookInput input = validator.validate(patch.applyTo(WebhookInput.of(subscription)));
        boolean moved = !input.url().equals(subscription.url);
        if (moved) {
            checkTarget(input.url());
        }
        checkSources(input.sources());
        apply(subscription, input);
        if (moved && subscription.attempts > 0) {
            subscription.nextAttemptAt = StoredTime.now(clock);
            armed.fire(new Armed(id));
        }
        touch(subscription);
        return WebhookView.from(subscription);
    }

    @Transactional
    @Audited(action = "webhook.delete", target = "webhook")
    public void delete(UUID id, IfMatch ifMatch) {
        WebhookSubscription subscription = forUpdate(id);
        ifMatch.check(subscription.version, "webhook");
        subscription.delete();
    }

    /**
     * Re-arms a paused subscription from where it stopped: the event that kept failing is sent first, then the
     * changes after it. Resuming an active subscription changes nothing.
     */
    @Transactional
    @Audited(action = "webhook.resume", target = "webhook")
    public WebhookView resume(UUID id) {
        WebhookSubscription subscription = forUpdate(id);
        if (subscription.status == WebhookStatus.PAUSED) {
            subscription.status = WebhookStatus.ACTIVE;
            subscription.pausedAt = null;
            subscription.pausedReason = null;
            subscription.attempts = 0;
            subscription.failingSince = null;
            subscription.nextAttemptAt = StoredTime.now(clock);
            touch(subscription);
            armed.fire(new Armed(id));
        }
        return WebhookView.from(subscription);
    }

    /** The subscription's delivery log, newest first. */
    @Transactional
    public Page<WebhookDeliveryView> deliveries(UUID id, int limit, String cursor) {
        get(id);
        String scope = DELIVERY_CURSOR_SCOPE + "|" + id;
        Long before = cursor == null ? null : cursors.decode(scope, cursor, 1).number(0);
        List<WebhookDelivery> rows = WebhookDelivery.pageBefore(id, before, CursorCodec.fetchSize(limit));
        return cursors.page(scope, rows, limit, last -> List.of(last.id.toString()), WebhookDelivery::view);
    }

    /**
     * Queues the event of a logged delivery to be sent once more, before the subscription's next new event (with
     * the same {@code webhook-id}, so a receiver that already has it can tell). A paused subscription sends nothing,
     * so it must be resumed first.
     */
    @Transactional
    @Audited(action = "webhook.redeliver", target = "webhook")
    public WebhookRedelivery redeliver(UUID id, long deliveryId) {
        WebhookSubscription subscription = forUpdate(id);
        WebhookDelivery delivery = WebhookDelivery.findIn(id, deliveryId).orElseThrow(() -> ProblemException.notFound(
                "Webhook " + id + " has no delivery " + deliveryId + " in its log."));
        if (subscription.status == WebhookStatus.PAUSED) {
            throw ProblemException.conflict("This webhook is paused; resume it first (POST /api/v1/webhooks/" + id
                    + "/resume), then ask again.");
        }
        Instant now = StoredTime.now(clock);
        entityManager.createNativeQuery("insert into webhook_redelivery (subscription_id, seq, requested_at) values (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, delivery.seq).setParameter(3, now).executeUpdate();
        armed.fire(new Armed(id));
        return new WebhookRedelivery(deliveryId, WebhookEvent.id(id, delivery.seq), delivery.eventType, now);
    }

    private WebhookSubscription forUpdate(UUID id) {
        return visible(WebhookSubscription.findForUpdate(id).orElse(null), id);
    }

    /** The subscription, if the caller may see it: its own key's, or any for an administrator. */
    private WebhookSubscription visible(WebhookSubscription subscription, UUID id) {
        if (subscription == null || !(caller.isAdmin() || Objects.equals(subscription.keyId, caller.keyId()))) {
            throw ProblemException.notFound("There is no webhook " + id + ".");
        }
        return subscription;
    }

    private void checkTarget(String url) {
        try {
            targets.check(URI.create(url));
        } catch (WebhookTargets.Refused refused) {
            throw ProblemException.invalidBody("url", refused.getMessage());
        }
    }

    private static void checkSources(List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return;
        }
        Set<String> unknown = new TreeSet<>(slugs);
        Source.findBySlugs(slugs).forEach(source -> unknown.remove(source.slug));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidBody("sources", "names no source: " + String.join(", ", unknown));
        }
    }

    private static void apply(WebhookSubscription subscription, WebhookInput input) {
        subscription.url = input.url();
        subscription.description = input.description() == null || input.description().isBlank() ? null
                : input.description().strip();
        subscription.events = distinct(input.events());
        subscription.sections = distinct(input.sections());
        subscription.sources = distinct(input.sources());
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().sorted().collect(Collectors.toList());
    }

    private void touch(WebhookSubscription subscription) {
        subscription.version++;
        subscription.updatedAt = StoredTime.now(clock);
    }

    /** Partners see their own subscriptions and administrators all, so their cursors differ. */
    private String scope() {
        return CURSOR_SCOPE + "|" + (caller.isAdmin() ? "all" : String.valueOf(caller.keyId()));
    }

    private static Long parseLong(String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_CURSOR, "The cursor is not valid for this query.");
        }
    }
}

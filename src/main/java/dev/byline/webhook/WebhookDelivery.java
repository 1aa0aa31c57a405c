package dev.byline.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One attempt to deliver an event to a subscription, as the delivery log keeps it (written by {@link WebhookQueue}). */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    public long seq;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "article_id")
    public UUID articleId;

    public int attempt;

    public boolean redelivery;

    public String outcome;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "duration_ms")
    public int durationMs;

    public String error;

    public Instant at;

    WebhookDeliveryView view() {
        return new WebhookDeliveryView(id, WebhookEvent.id(subscriptionId, seq), eventType, articleId, attempt, redelivery,
                outcome, statusCode, durationMs, error, at);
    }

    /** GET /webhooks/{id}/deliveries: newest first, keyset on id (index webhook_delivery_subscription_idx). */
    static List<WebhookDelivery> pageBefore(UUID subscriptionId, Long before, int limit) {
        return before == null
                ? find("subscriptionId = ?1 order by id desc", subscriptionId).page(0, limit).list()
                : find("subscriptionId = ?1 and id < ?2 order by id desc", subscriptionId, before).page(0, limit).list();
    }

    static Optional<WebhookDelivery> findIn(UUID subscriptionId, long id) {
        return find("id = ?1 and subscriptionId = ?2", id, subscriptionId).firstResultOptional();
    }
}

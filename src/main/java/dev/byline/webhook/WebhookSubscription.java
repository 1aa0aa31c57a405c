package dev.byline.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A partner's webhook: where to deliver which events, and where delivery stands. The dispatcher moves its delivery
 * state with SQL of its own ({@link WebhookQueue}); API writes lock the row and write only the columns they change
 * ({@code @DynamicUpdate}), so neither overwrites the other's columns with a stale copy.
 */
@Entity
@Table(name = "webhook_subscription")
@DynamicUpdate
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "key_id")
    public UUID keyId;

    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> sections = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> sources = List.of();

    @Column(name = "base_url")
    public String baseUrl;

    public byte[] secret;

    @Convert(converter = WebhookStatus.AsText.class)
    public WebhookStatus status;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "paused_reason")
    public String pausedReason;

    public long position;

    public int attempts;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Moved by every change a partner makes (and by a pause), never by deliveries: what If-Match compares. */
    public long version;

    /** The subscription, locked until the transaction ends, so that the dispatcher's updates wait for this write. */
    static Optional<WebhookSubscription> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(WebhookSubscription.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** GET /webhooks: newest first, keyset on the time-ordered id; one key's own, or all for an administrator. */
    static List<WebhookSubscription> pageBefore(UUID keyId, UUID before, int limit) {
        if (keyId == null) {
            return before == null ? find("order by id desc").page(0, limit).list()
                    : find("id < ?1 order by id desc", before).page(0, limit).list();
        }
        return before == null ? find("keyId = ?1 order by id desc", keyId).page(0, limit).list()
                : find("keyId = ?1 and id < ?2 order by id desc", keyId, before).page(0, limit).list();
    }

    static long countOf(UUID keyId) {
        return count("keyId", keyId);
    }
}

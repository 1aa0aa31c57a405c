package dev.byline.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.byline.database.DatabaseNotifications;
import dev.byline.database.DatabaseNotifications.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API keys this instance has checked, kept in memory so that a keyed request costs no database round trip, and
 * forgotten when the database says a key changed (migration V8: revoked, expired, renamed, re-roled, deleted) or when
 * this instance changes one. While the notification connection is down every key is checked in the database.
 */
@ApplicationScoped
public class KnownKeys {

    /** What deciding about a key needs; never the secret itself, only its hash. */
    record Known(UUID id, String name, byte[] secretHash, List<String> roles, Instant expiresAt, Instant revokedAt,
            Instant lastUsedAt) {

        static Known of(ApiKey key) {
            return new Known(key.id, key.name, key.secretHash, List.copyOf(key.roles), key.expiresAt, key.revokedAt,
                    key.lastUsedAt);
        }

        boolean isActive(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final DatabaseNotifications notifications;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<String, Known> keys = Caffeine.newBuilder().maximumSize(10_000).build();
    private final AtomicLong generation = new AtomicLong();

    public KnownKeys(DatabaseNotifications notifications, TransactionSynchronizationRegistry transactions) {
        this.notifications = notifications;
        this.transactions = transactions;
        notifications.subscribe(this::heard);
    }

    Optional<Known> get(String prefix) {
        return notifications.listening() ? Optional.ofNullable(keys.getIfPresent(prefix)) : Optional.empty();
    }

    /** The generation to hand back to {@link #keep}: a key read after this is current unless a notice came since. */
    long generation() {
        return generation.get();
    }

    void keep(String prefix, Known key, long readAt) {
        if (notifications.listening() && generation.get() == readAt) {
            keys.put(prefix, key);
            if (generation.get() != readAt) {
                keys.invalidate(prefix);
            }
        }
    }

    /** The key is being changed in the current transaction: forget it now and again once the change commits. */
    void changing(String prefix) {
        forget(prefix);
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the outcome is not known yet
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        forget(prefix);
                    }
                }
            });
        }
    }

    private void heard(Notice notice) {
        if ("key".equals(notice.kind()) && notice.key() != null) {
            forget(notice.key());
        } else if (notice == Notice.RESET) {
            generation.incrementAndGet();
            keys.invalidateAll();
        }
    }

    private void forget(String prefix) {
        generation.incrementAndGet();
        keys.invalidate(prefix);
    }
}

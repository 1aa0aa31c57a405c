package dev.byline.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.byline.database.DatabaseNotifications;
import dev.byline.database.DatabaseNotifications.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API keys this instance has checked, kept in memory so that a keyed request costs no database round trip, and
 * forgotten when the database says a key changed (migration V8: revoked, expired, renamed, re-roled, deleted) or when
 * this instance changes one. Prefixes the database had no key for are kept too, so that guessing keys does not cost a
 * lookup each time, and forgotten when a key with that prefix is created (migration V10). While the notification
 * connection is down every key is checked in the database.
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
    /** Bounded, so that random prefixes only push each other out; timed, in case a creation notice is ever lost. */
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final AtomicLong generation = new AtomicLong();

    public KnownKeys(DatabaseNotifications notifications, TransactionSynchronizationRegistry transactions) {
        this.notifications = notifications;
        this.transactions = transactions;
        notifications.subscribe(this::heard);
    }

    Optional<Known> get(String prefix) {
        return notifications.listening() ? Optional.ofNullable(keys.getIfPresent(prefix)) : Optional.empty();
    }

    /** True when the database had no key with this prefix, and no notice has said otherwise since. */
    boolean isUnknown(String prefix) {
        return notifications.listening() && unknown.getIfPresent(prefix) != null;
    }

    /** Remembers that the database, read at {@code readAt}, had no key with this prefix. */
    void keepUnknown(String prefix, long readAt) {
        if (notifications.listening() && generation.get() == readAt) {
            unknown.put(prefix, Boolean.TRUE);
            if (generation.get() != readAt) {
                unknown.invalidate(prefix);
            }
        }
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
            unknown.invalidateAll();
        }
    }

    private void forget(String prefix) {
        generation.incrementAndGet();
        keys.invalidate(prefix);
        unknown.invalidate(prefix);
    }
}

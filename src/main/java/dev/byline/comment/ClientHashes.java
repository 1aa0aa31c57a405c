package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.Digests;
import dev.byline.database.ServerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;

/**
 * Keyed hashes (HMAC-SHA256) of client addresses and reporters: enough to recognise the same client for duplicate
 * checks and reports, useless to anyone without the key, and erased once they expire. The address itself is never
 * stored.
 */
@ApplicationScoped
public class ClientHashes {

    private static final int HASH_BYTES = 16;
    private static final long PURGE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final BylineConfig.Comments config;
    private final EntityManager entityManager;
    private final AtomicLong lastPurge = new AtomicLong(System.nanoTime() - PURGE_EVERY_NANOS);
    private final ServerSecrets secrets;

    public ClientHashes(BylineConfig config, EntityManager entityManager, ServerSecrets secrets) {
        this.config = config.comments();
        this.entityManager = entityManager;
        this.secrets = secrets;
    }

    public byte[] of(String subject) {
        Mac mac = Digests.hmacSha256(secrets.hmacKey("comment-client", config.addressKey()));
        return Arrays.copyOf(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)), HASH_BYTES);
    }

    public Instant expiry(Instant now) {
        return now.plus(config.addressRetention());
    }

    /** Erases expired hashes, at most once a minute per instance, in the caller's transaction. */
    public void purgeExpired(Instant now) {
        long last = lastPurge.get();
        if (System.nanoTime() - last < PURGE_EVERY_NANOS || !lastPurge.compareAndSet(last, System.nanoTime())) {
            return;
        }
        entityManager.createNativeQuery("update comment set client_hash = null, client_hash_expires_at = null"
                + " where client_hash is not null and client_hash_expires_at < ?1").setParameter(1, now).executeUpdate();
        entityManager.createNativeQuery("delete from comment_report where created_at < ?1")
                .setParameter(1, now.minus(config.addressRetention())).executeUpdate();
    }
}

package dev.byline.comment;

import dev.byline.BylineConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    private volatile SecretKeySpec key;

    public ClientHashes(BylineConfig config, EntityManager entityManager) {
        this.config = config.comments();
        this.entityManager = entityManager;
    }

    public byte[] of(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Arrays.copyOf(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
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

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] secret = config.addressKey().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(this::storedSecret);
                    key = new SecretKeySpec(secret, "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] storedSecret() {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("insert into server_secret (name, value) values ('comment-client', ?1)"
                    + " on conflict do nothing").setParameter(1, candidate).executeUpdate();
            return (byte[]) entityManager.createNativeQuery("select value from server_secret where name = 'comment-client'")
                    .getSingleResult();
        });
    }
}

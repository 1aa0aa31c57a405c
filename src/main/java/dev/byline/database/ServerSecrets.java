package dev.byline.database;

import dev.byline.Digests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys the service signs or hashes with (paging cursors, clients' addresses): the configured one when set, or one
 * generated on first use and kept in {@code server_secret}, so that it survives restarts and every instance on the
 * same database shares it. Read once per key and process.
 */
@ApplicationScoped
public class ServerSecrets {

    private final EntityManager entityManager;
    private final ConcurrentMap<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    public ServerSecrets(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The HMAC-SHA256 key called {@code name}: {@code configured} when present, else the stored one. */
    public SecretKeySpec hmacKey(String name, Optional<String> configured) {
        return keys.computeIfAbsent(name, n -> Digests.hmacKey(
                configured.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> stored(n))));
    }

    /** Inserts a random candidate unless another instance got there first, then reads whichever won. */
    private byte[] stored(String name) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("insert into server_secret (name, value) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, name).setParameter(2, candidate).executeUpdate();
            return (byte[]) entityManager.createNativeQuery("select value from server_secret where name = ?1")
                    .setParameter(1, name).getSingleResult();
        });
    }
}

package dev.byline.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key: who it belongs to, what it may do, and until when. The secret itself is never stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    public String prefix;

    @Column(name = "secret_hash")
    public byte[] secretHash;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> roles;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public static Optional<ApiKey> findByPrefix(String prefix) {
        return find("prefix", prefix).firstResultOptional();
    }

    public static boolean anyActiveAdmin(Instant now) {
        return ((Number) getEntityManager().createNativeQuery("""
                select count(*) from api_key
                where 'admin' = any(roles) and revoked_at is null and (expires_at is null or expires_at > ?1)""")
                .setParameter(1, now)
                .getSingleResult()).longValue() > 0;
    }

    /** GET /api/v1/keys: newest first, keyset on (createdAt, id). */
    public static List<ApiKey> pageBefore(Instant createdAt, UUID id, int limit) {
        return createdAt == null
                ? find("order by createdAt desc, id desc").page(0, limit).list()
                : find("(createdAt < ?1 or (createdAt = ?1 and id < ?2)) order by createdAt desc, id desc", createdAt, id)
                        .page(0, limit).list();
    }
}

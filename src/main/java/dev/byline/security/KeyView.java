package dev.byline.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.audit.AuditSubject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key as listed: never its secret, except once in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, String prefix, String name, List<String> roles, Instant createdAt, Instant expiresAt,
        Instant revokedAt, Instant lastUsedAt, String secret) implements AuditSubject {

    @Override
    public String auditId() {
        return id.toString();
    }

    static KeyView from(ApiKey key) {
        return new KeyView(key.id, key.prefix, key.name, key.roles, key.createdAt, key.expiresAt, key.revokedAt,
                key.lastUsedAt, null);
    }

    static KeyView created(ApiKey key, String secret) {
        return new KeyView(key.id, key.prefix, key.name, key.roles, key.createdAt, key.expiresAt, key.revokedAt,
                key.lastUsedAt, secret);
    }
}

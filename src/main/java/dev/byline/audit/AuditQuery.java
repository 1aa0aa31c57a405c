package dev.byline.audit;

import java.util.UUID;

/** Filters of GET /api/v1/audit. */
public record AuditQuery(String action, String targetType, String targetId, UUID keyId) {

    String scope() {
        return String.join("|", "audit", String.valueOf(action), String.valueOf(targetType), String.valueOf(targetId),
                String.valueOf(keyId));
    }
}

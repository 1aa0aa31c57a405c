package dev.byline.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** An audit event as administrators read it; {@code summary} is a JSON object, written out as it is. */
public record AuditEntry(long id, Instant at, Actor actor, String action, Target target,
        @JsonRawValue String summary) {

    /** The API key that acted. */
    public record Actor(UUID keyId, String name) {
    }

    /** What was acted on. */
    public record Target(String type, String id) {
    }

    static AuditEntry from(AuditEvent event) {
        return new AuditEntry(event.id, event.at, new Actor(event.keyId, event.keyName), event.action,
                new Target(event.targetType, event.targetId), event.summary);
    }
}

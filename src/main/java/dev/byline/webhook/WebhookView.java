package dev.byline.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.audit.AuditSubject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as its owner reads it: the settings, and where delivery stands (paused and why, failing since
 * when, the next retry). The signing secret appears only in the response that created it; the version is the
 * ETag's, not part of the body.
 */
public record WebhookView(
        UUID id,
        String url,
        String description,
        List<String> events,
        List<String> sections,
        List<String> sources,
        WebhookStatus status,
        Instant pausedAt,
        String pausedReason,
        int consecutiveFailures,
        Instant failingSince,
        Instant nextAttemptAt,
        UUID keyId,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
        @JsonIgnore long version) implements AuditSubject {

    @Override
    public String auditId() {
        return id.toString();
    }

    static WebhookView from(WebhookSubscription subscription) {
        return created(subscription, null);
    }

    static WebhookView created(WebhookSubscription s, String secret) {
        boolean retrying = s.attempts > 0 && s.status == WebhookStatus.ACTIVE;
        return new WebhookView(s.id, s.url, s.description, s.events, s.sections, s.sources, s.status, s.pausedAt,
                s.pausedReason, s.attempts, s.failingSince, retrying ? s.nextAttemptAt : null, s.keyId, s.createdAt,
                s.updatedAt, secret, s.version);
    }
}

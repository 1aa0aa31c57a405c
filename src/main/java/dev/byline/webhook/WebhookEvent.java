package dev.byline.webhook;

import dev.byline.syndication.ChangeItem;
import dev.byline.syndication.ChangeKind;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of a delivery in the Standard Webhooks shape: the event's {@code type}, when it happened, and as
 * {@code data} the change exactly as GET /api/v1/changes shows it.
 */
public record WebhookEvent(String type, Instant timestamp, ChangeItem data) {

    static WebhookEvent of(ChangeItem change) {
        return new WebhookEvent(type(change.kind()), change.at(), change);
    }

    /** The event type of a change: {@code article.} and its kind. */
    static String type(ChangeKind kind) {
        return "article." + kind;
    }

    /**
     * The {@code webhook-id} of the event at {@code seq} for one subscription: the same on every retry and redelivery
     * (receivers use it to ignore repeats), different for each subscription, and free of the '.' that separates the
     * signed parts.
     */
    static String id(UUID subscription, long seq) {
        return "msg_" + seq + "_" + subscription.toString().replace("-", "");
    }
}

package dev.byline.webhook;

import java.time.Instant;

/** A redelivery accepted: the event it sends again, sent before the next new event. */
public record WebhookRedelivery(long deliveryId, String eventId, String eventType, Instant requestedAt) {
}

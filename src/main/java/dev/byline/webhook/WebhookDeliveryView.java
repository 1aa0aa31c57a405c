package dev.byline.webhook;

import java.time.Instant;
import java.util.UUID;

/** One attempt to deliver an event, as the delivery log shows it. */
public record WebhookDeliveryView(
        long id,
        String eventId,
        String eventType,
        UUID articleId,
        int attempt,
        boolean redelivery,
        String outcome,
        Integer statusCode,
        int durationMs,
        String error,
        Instant at) {
}

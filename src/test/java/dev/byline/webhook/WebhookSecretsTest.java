package dev.byline.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signing as Standard Webhooks specifies it, event ids, and the retry schedule. */
class WebhookSecretsTest {

    @Test
    void signsTheStandardWebhooksTestVector() {
        // The signing example of the Standard Webhooks reference libraries.
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = WebhookSecrets.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void secretsAreRandomAndShownInTheWhsecForm() {
        byte[] one = WebhookSecrets.generate();
        byte[] two = WebhookSecrets.generate();
        assertEquals(32, one.length);
        assertNotEquals(Base64.getEncoder().encodeToString(one), Base64.getEncoder().encodeToString(two));
        String shown = WebhookSecrets.show(one);
        assertTrue(shown.matches("^whsec_[A-Za-z0-9+/]{43}=$"), shown);
        assertEquals(Base64.getEncoder().encodeToString(one), shown.substring("whsec_".length()));
    }

    @Test
    void anEventIdIsStablePerSubscriptionAndHasNoDot() {
        UUID subscription = UUID.fromString("01935e2a-7b4c-7d3e-9f10-2a3b4c5d6e7f");
        assertEquals("msg_1234_01935e2a7b4c7d3e9f102a3b4c5d6e7f", WebhookEvent.id(subscription, 1234));
        assertNotEquals(WebhookEvent.id(subscription, 1234), WebhookEvent.id(UUID.randomUUID(), 1234));
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(5);
        Duration max = Duration.ofHours(1);
        assertEquals(Duration.ofSeconds(4), WebhookQueue.delay(initial, max, 1, null, 0.0));
        assertEquals(Duration.ofSeconds(6), WebhookQueue.delay(initial, max, 1, null, 1.0));
        assertEquals(Duration.ofSeconds(10), WebhookQueue.delay(initial, max, 2, null, 0.5));
        assertEquals(Duration.ofSeconds(40), WebhookQueue.delay(initial, max, 4, null, 0.5));
        assertEquals(max, WebhookQueue.delay(initial, max, 30, null, 0.99));
        assertEquals(max, WebhookQueue.delay(initial, max, 10_000, null, 0.5));
        // Retry-After is honoured when it asks for longer, never beyond the maximum.
        assertEquals(Duration.ofSeconds(120), WebhookQueue.delay(initial, max, 1, Duration.ofSeconds(120), 0.5));
        assertEquals(Duration.ofSeconds(5), WebhookQueue.delay(initial, max, 1, Duration.ofSeconds(1), 0.5));
        assertEquals(max, WebhookQueue.delay(initial, max, 1, Duration.ofDays(2), 0.5));

        // With the defaults, the waits until the subscription pauses span the whole window of 24 h and more than
        // twenty attempts, never more than an hour apart.
        Duration elapsed = Duration.ZERO;
        int attempts = 0;
        while (elapsed.compareTo(Duration.ofHours(24)) < 0) {
            attempts++;
            elapsed = elapsed.plus(WebhookQueue.delay(initial, max, attempts, null, 0.0));
        }
        assertTrue(attempts > 20, "attempts in 24 h: " + attempts);
    }
}

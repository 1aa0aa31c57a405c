package dev.byline.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/webhooks and the deliveries they cause, against a receiver on loopback: order, signatures, retries,
 * pausing and resuming, the delivery log, redelivery, address checks and restarts.
 */
@QuarkusTest
class WebhookResourceTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static Receiver receiver;
    private static String editorKey;
    private static String partnerKey;
    private static String otherPartnerKey;
    private static String adminKey;

    @Inject
    EntityManager entityManager;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookQueue queue;

    @BeforeAll
    static void setUp() {
        receiver = new Receiver();
        editorKey = Keys.issue(Roles.EDITOR);
        partnerKey = Keys.issue(Roles.PARTNER);
        otherPartnerKey = Keys.issue(Roles.PARTNER);
        adminKey = Keys.issue(Roles.ADMIN);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    /** No subscription outlives its test, so none keeps calling a receiver that is gone. */
    @AfterEach
    void deleteSubscriptions() {
        dispatcher.start();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("delete from webhook_subscription")
                .executeUpdate());
    }

    @Test
    void aPartnerSubscribesAndSeesTheSecretOnlyOnce() {
        String path = Fixtures.unique("created");
        var created = asPartner().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "description", " Wire desk ",
                        "events", List.of("article.published", "article.deleted", "article.published"),
                        "sections", List.of("world")))
                .when().post(WEBHOOKS)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/webhooks/[0-9a-f-]{36}$"))
                .header("ETag", matchesPattern("^\"v0-[0-9a-f]+\"$"))
                .header("Cache-Control", equalTo("private, no-store"))
                .body("url", equalTo(receiver.url(path)))
                .body("description", equalTo("Wire desk"))
                .body("events", equalTo(List.of("article.deleted", "article.published")))
                .body("sections", equalTo(List.of("world")))
                .body("sources", equalTo(List.of()))
                .body("status", equalTo("active"))
                .body("consecutiveFailures", equalTo(0))
                .body("nextAttemptAt", nullValue())
                .body("secret", matchesPattern("^whsec_[A-Za-z0-9+/]{43}=$"))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");

        String shown = asPartner().when().get(WEBHOOKS + "/" + id)
                .then().statusCode(200)
                .header("ETag", matchesPattern("^\"v0-[0-9a-f]+\"$"))
                .body("id", equalTo(id))
                .body("keyId", notNullValue())
                .extract().asString();
        assertFalse(shown.contains("secret"), shown);
        asPartner().when().get(WEBHOOKS).then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.secret", everyItem(nullValue()));

        // Stored encrypted: neither the secret nor its key bytes are in the row.
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] stored = (byte[]) QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select secret from webhook_subscription where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(new String(key, StandardCharsets.ISO_8859_1)));
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret.substring(6)));

        String audit = given().auth().oauth2(adminKey).queryParam("targetType", "webhook").queryParam("targetId", id)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("webhook.create")))
                .extract().asString();
        assertFalse(audit.contains(secret.substring(6)), "the audit log must not contain a secret");
    }

    @Test
    void everyChangeIsDeliveredInCommitOrderAsTheChangeFeedShowsItSignedPerStandardWebhooks() throws Exception {
        String section = Fixtures.unique("order");
        String path = Fixtures.unique("order");
        String start = endOfChangeFeed();
        JsonPath webhook = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section)));
        String a = publish(Map.of("headline", "Order A", "section", section));
        String b = publish(Map.of("headline", "Order B", "section", section));
        publish(Map.of("headline", "Elsewhere", "section", Fixtures.unique("other")));
        correct(a);
        withdraw(b);
        delete(a);

        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map<String, Object> item : changesSince(start)) {
            if (List.of(a, b).contains(item.get("articleId"))) {
                changes.add(item);
            }
        }
        assertEquals(5, changes.size(), "published a, published b, corrected a, withdrawn b, deleted a");
        until("all five are delivered and logged", () -> logged(webhook.getString("id")) >= 5);
        List<Receiver.Request> got = receiver.received(path);
        assertEquals(5, got.size(), "the article in another section is not sent");

        byte[] key = Base64.getDecoder().decode(webhook.getString("secret").substring("whsec_".length()));
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < got.size(); i++) {
            Receiver.Request request = got.get(i);
            assertEquals("application/json", request.header("content-type"));
            String id = request.header("webhook-id");
            assertTrue(id.matches("^msg_\\d+_" + webhook.getString("id").replace("-", "") + "$"), id);
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertTrue(Math.abs(now - timestamp) < 60, "webhook-timestamp is in seconds, now: " + timestamp);
            assertEquals("v1," + hmac(key, id + "." + timestamp + "." + request.text()), request.header("webhook-signature"));

            JsonPath event = JsonPath.from(request.text());
            Map<String, Object> change = changes.get(i);
            assertEquals("article." + change.get("kind"), event.getString("type"));
            assertEquals(change.get("at"), event.getString("timestamp"));
            assertEquals(change, event.getMap("data"), "the data is the change-feed item");
        }
        // The webhook's log says the same.
        asPartner().when().get(WEBHOOKS + "/" + webhook.getString("id") + "/deliveries")
                .then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-store"))
                .body("items.eventType", equalTo(List.of("article.deleted", "article.withdrawn", "article.corrected",
                        "article.published", "article.published")))
                .body("items.outcome", everyItem(equalTo("succeeded")))
                .body("items.statusCode", everyItem(equalTo(204)))
                .body("items.attempt", everyItem(equalTo(1)))
                .body("items.redelivery", everyItem(equalTo(false)))
                .body("items[4].articleId", equalTo(a))
                .body("items[4].eventId", equalTo(got.get(0).header("webhook-id")));
    }

    @Test
    void filtersSelectEventsSectionsAndSourcesAndFollowAnArticleThatMovesAway() {
        String section = Fixtures.unique("filtered");
        String source = source();
        String bySection = Fixtures.unique("by-section");
        String removals = Fixtures.unique("removals");
        subscribe(Map.of("url", receiver.url(bySection), "sections", List.of(section)));
        subscribe(Map.of("url", receiver.url(removals), "sources", List.of(source),
                "events", List.of("article.withdrawn", "article.deleted")));

        String moving = publish(Map.of("headline", "Moves away", "section", section, "source", source));
        edit(moving, Map.of("section", Fixtures.unique("elsewhere")));
        String other = publish(Map.of("headline", "Never matched", "section", Fixtures.unique("elsewhere")));
        withdraw(other);
        withdraw(moving);

        until("the section's subscriber hears of the move and the withdrawal", () -> receiver.received(bySection).size() >= 3);
        until("the removals subscriber hears of the withdrawal", () -> !receiver.received(removals).isEmpty());
        assertEquals(List.of("article.published", "article.updated", "article.withdrawn"), types(receiver.received(bySection)));
        assertEquals(List.of(moving, moving, moving), articleIds(receiver.received(bySection)));
        assertEquals(List.of("article.withdrawn"), types(receiver.received(removals)));
        assertEquals(List.of(moving), articleIds(receiver.received(removals)));

        asPartner().contentType(ContentType.JSON).body(Map.of("url", receiver.url("x"), "sources", List.of("no-such-source")))
                .when().post(WEBHOOKS)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("sources"))
                .body("errors[0].message", containsString("no-such-source"));
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndTheNextEventWaitsForIt() throws Exception {
        String section = Fixtures.unique("retry");
        String path = Fixtures.unique("retry");
        receiver.script(path, 500, 503, 204);
        JsonPath webhook = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section)));
        String first = publish(Map.of("headline", "Retried", "section", section));
        String second = publish(Map.of("headline", "Waits its turn", "section", section));

        until("the first is delivered after two failures, then the second",
                () -> logged(webhook.getString("id")) >= 4);
        List<Receiver.Request> got = receiver.received(path);
        assertEquals(List.of(first, first, first, second), articleIds(got));
        String id = got.get(0).header("webhook-id");
        assertEquals(List.of(id, id, id), got.subList(0, 3).stream().map(r -> r.header("webhook-id")).toList());
        assertFalse(id.equals(got.get(3).header("webhook-id")));
        byte[] key = Base64.getDecoder().decode(webhook.getString("secret").substring("whsec_".length()));
        for (Receiver.Request request : got) {
            assertEquals("v1," + hmac(key, request.header("webhook-id") + "." + request.header("webhook-timestamp")
                    + "." + request.text()), request.header("webhook-signature"), "every attempt is signed anew");
        }

        asPartner().when().get(WEBHOOKS + "/" + webhook.getString("id") + "/deliveries?limit=3")
                .then().statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("items.attempt", equalTo(List.of(1, 3, 2)))
                .body("items.statusCode", equalTo(List.of(204, 204, 503)))
                .body("items.outcome", equalTo(List.of("succeeded", "succeeded", "failed")))
                .body("items[2].error", equalTo("The receiver answered HTTP 503."))
                .body("items[2].eventId", equalTo(id))
                .body("next", notNullValue());
        String next = asPartner().when().get(WEBHOOKS + "/" + webhook.getString("id") + "/deliveries?limit=3")
                .then().extract().path("next");
        asPartner().queryParam("limit", 3).queryParam("cursor", next)
                .when().get(WEBHOOKS + "/" + webhook.getString("id") + "/deliveries")
                .then().statusCode(200)
                .body("items.attempt", equalTo(List.of(1)))
                .body("items.statusCode", equalTo(List.of(500)))
                .body("next", nullValue());
        asPartner().when().get(WEBHOOKS + "/" + webhook.getString("id"))
                .then().statusCode(200)
                .body("status", equalTo("active"))
                .body("consecutiveFailures", equalTo(0))
                .body("failingSince", nullValue());
    }

    @Test
    void sustainedFailurePausesTheWebhookAndResumingContinuesFromTheFailingEvent() {
        String section = Fixtures.unique("pause");
        String path = Fixtures.unique("pause");
        receiver.answerAlways(path, 500);
        String id = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section))).getString("id");
        String first = publish(Map.of("headline", "Keeps failing", "section", section));
        String second = publish(Map.of("headline", "Held back", "section", section));

        // The test profile gives up on an event after two seconds of failures (production: 24 hours).
        until("the webhook is paused", () -> "paused".equals(
                asPartner().when().get(WEBHOOKS + "/" + id).then().extract().path("status")));
        int attempts = receiver.received(path).size();
        assertTrue(attempts > 2, "retried before pausing: " + attempts);
        assertEquals(List.of(first), articleIds(receiver.received(path)).stream().distinct().toList());
        asPartner().when().get(WEBHOOKS + "/" + id)
                .then().statusCode(200)
                .body("pausedAt", notNullValue())
                .body("pausedReason", containsString("failed for 2 s"))
                .body("pausedReason", containsString("HTTP 500"))
                .body("consecutiveFailures", equalTo(attempts))
                .body("failingSince", notNullValue())
                .body("nextAttemptAt", nullValue())
                .header("ETag", matchesPattern("^\"v1-[0-9a-f]+\"$"));
        long delivery = ((Number) asPartner().when().get(WEBHOOKS + "/" + id + "/deliveries?limit=1")
                .then().extract().path("items[0].id")).longValue();
        asPartner().when().post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(409).body("detail", containsString("resume"));

        receiver.answerAlways(path, 200);
        asPartner().when().post(WEBHOOKS + "/" + id + "/resume")
                .then().statusCode(200)
                .body("status", equalTo("active"))
                .body("pausedReason", nullValue())
                .body("consecutiveFailures", equalTo(0));
        until("both are delivered after resuming", () -> receiver.received(path).size() >= attempts + 2);
        List<String> after = articleIds(receiver.received(path)).subList(attempts, attempts + 2);
        assertEquals(List.of(first, second), after);
        asPartner().when().post(WEBHOOKS + "/" + id + "/resume").then().statusCode(200).body("status", equalTo("active"));
        given().auth().oauth2(adminKey).queryParam("targetId", id).when().get("/api/v1/audit")
                .then().statusCode(200).body("items.action", hasItem("webhook.resume"));
    }

    @Test
    void aReceiverThatAnswersGoneIsNotCalledAgain() {
        String section = Fixtures.unique("gone");
        String path = Fixtures.unique("gone");
        receiver.answerAlways(path, 410);
        String id = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section))).getString("id");
        publish(Map.of("headline", "Unwanted", "section", section));
        until("the webhook is paused", () -> "paused".equals(
                asPartner().when().get(WEBHOOKS + "/" + id).then().extract().path("status")));
        assertEquals(1, receiver.received(path).size());
        asPartner().when().get(WEBHOOKS + "/" + id).then().body("pausedReason", containsString("410 Gone"));
    }

    @Test
    void aLoggedEventCanBeRedeliveredWithItsId() {
        String section = Fixtures.unique("again");
        String path = Fixtures.unique("again");
        String id = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section))).getString("id");
        String article = publish(Map.of("headline", "Again", "section", section));
        until("it is delivered and logged", () -> logged(id) == 1);
        long delivery = ((Number) asPartner().when().get(WEBHOOKS + "/" + id + "/deliveries")
                .then().extract().path("items[0].id")).longValue();

        asPartner().when().post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(202)
                .header("Location", endsWith("/api/v1/webhooks/" + id + "/deliveries"))
                .body("deliveryId", equalTo((int) delivery))
                .body("eventId", equalTo(receiver.received(path).get(0).header("webhook-id")))
                .body("eventType", equalTo("article.published"));
        until("it is delivered and logged again", () -> logged(id) == 2);
        List<Receiver.Request> got = receiver.received(path);
        assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"));
        assertEquals(got.get(0).text(), got.get(1).text());
        asPartner().when().get(WEBHOOKS + "/" + id + "/deliveries")
                .then().statusCode(200)
                .body("items.redelivery", equalTo(List.of(true, false)))
                .body("items.attempt", equalTo(List.of(2, 1)))
                .body("items.articleId", equalTo(List.of(article, article)));

        asPartner().when().post(WEBHOOKS + "/" + id + "/deliveries/" + (delivery + 1_000_000) + "/redeliver")
                .then().statusCode(404);
        asPartner().when().post(WEBHOOKS + "/" + id + "/deliveries/first/redeliver")
                .then().statusCode(400).body("errors[0].field", equalTo("deliveryId"));
        given().auth().oauth2(otherPartnerKey).when().post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(404);
    }

    @Test
    void urlsOnPrivateAddressesAreRefusedAndNothingIsStored() {
        long before = subscriptions();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
                "http://192.168.0.10/hook", "http://[fd00::1]/hook", "http://0.0.0.0/hook")) {
            asPartner().contentType(ContentType.JSON).body(Map.of("url", url))
                    .when().post(WEBHOOKS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("not a public address"));
        }
        asPartner().contentType(ContentType.JSON).body(Map.of("url", "ftp://127.0.0.1/hook"))
                .when().post(WEBHOOKS).then().statusCode(400).body("errors[0].field", equalTo("url"));
        asPartner().contentType(ContentType.JSON).body(Map.of("url", "http://user:pw@127.0.0.1/hook"))
                .when().post(WEBHOOKS).then().statusCode(400).body("errors[0].message", containsString("user name"));
        asPartner().contentType(ContentType.JSON).body(Map.of("url", receiver.url("x"), "events", List.of("article.read")))
                .when().post(WEBHOOKS).then().statusCode(400).body("errors[0].field", equalTo("events[0]"));
        assertEquals(before, subscriptions());

        // A PATCH is checked the same way, and changes nothing when refused.
        String id = subscribe(Map.of("url", receiver.url("patched"))).getString("id");
        String etag = asPartner().when().get(WEBHOOKS + "/" + id).then().extract().header("ETag");
        asPartner().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("url", "http://172.17.0.1/hook"))
                .when().patch(WEBHOOKS + "/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        asPartner().when().get(WEBHOOKS + "/" + id).then().header("ETag", equalTo(etag))
                .body("url", equalTo(receiver.url("patched")));
    }

    @Test
    void eachKeyManagesItsOwnWebhooksWithIfMatch() {
        String id = subscribe(Map.of("url", receiver.url("mine"), "sections", List.of("world"))).getString("id");

        given().auth().oauth2(otherPartnerKey).when().get(WEBHOOKS + "/" + id).then().statusCode(404);
        given().auth().oauth2(otherPartnerKey).when().get(WEBHOOKS).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(otherPartnerKey).when().delete(WEBHOOKS + "/" + id).then().statusCode(404);
        given().auth().oauth2(adminKey).when().get(WEBHOOKS).then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(adminKey).when().get(WEBHOOKS + "/" + id).then().statusCode(200);
        given().auth().oauth2(editorKey).when().get(WEBHOOKS).then().statusCode(403);
        asPartner().when().get(WEBHOOKS + "/not-an-id").then().statusCode(400).body("errors[0].field", equalTo("id"));

        String etag = asPartner().when().get(WEBHOOKS + "/" + id).then().statusCode(200).extract().header("ETag");
        asPartner().header("If-None-Match", etag).when().get(WEBHOOKS + "/" + id).then().statusCode(304);
        asPartner().contentType("application/merge-patch+json").body(Map.of("sections", List.of("sport")))
                .when().patch(WEBHOOKS + "/" + id).then().statusCode(428);
        asPartner().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("description", "Sport desk", "sections", List.of("sport")))
                .when().patch(WEBHOOKS + "/" + id)
                .then().statusCode(200)
                .header("ETag", matchesPattern("^\"v1-[0-9a-f]+\"$"))
                .body("sections", equalTo(List.of("sport")))
                .body("description", equalTo("Sport desk"))
                .body("url", equalTo(receiver.url("mine")));
        asPartner().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("sections", List.of("world")))
                .when().patch(WEBHOOKS + "/" + id).then().statusCode(412);
        Map<String, Object> clear = new HashMap<>();
        clear.put("sections", null);
        asPartner().contentType("application/merge-patch+json").header("If-Match", "\"v1\"").body(clear)
                .when().patch(WEBHOOKS + "/" + id).then().statusCode(200).body("sections", equalTo(List.of()));

        asPartner().header("If-Match", "\"v0\"").when().delete(WEBHOOKS + "/" + id).then().statusCode(412);
        asPartner().when().delete(WEBHOOKS + "/" + id).then().statusCode(204);
        asPartner().when().get(WEBHOOKS + "/" + id).then().statusCode(404);
        given().auth().oauth2(adminKey).queryParam("targetId", id).when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", equalTo(List.of("webhook.delete", "webhook.update", "webhook.update",
                        "webhook.create")));
    }

    @Test
    void nothingIsLostWhenTheDispatcherStopsAndAnotherTakesOver() {
        String section = Fixtures.unique("restart");
        String path = Fixtures.unique("restart");
        String id = subscribe(Map.of("url", receiver.url(path), "sections", List.of(section))).getString("id");
        dispatcher.stop();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(publish(Map.of("headline", "While stopped " + i, "section", section)));
        }
        // Nothing was sent, and the backlog waits in the database, under a claim left by an instance that died
        // mid-delivery (it expired a moment ago).
        assertTrue(receiver.received(path).isEmpty());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update webhook_subscription set claim_token = ?1, claimed_until = now() - interval '1 second'
                where id = ?2""").setParameter(1, UUID.randomUUID()).setParameter(2, UUID.fromString(id)).executeUpdate());

        // While one claimant holds a subscription, no other can claim it.
        UUID one = UUID.randomUUID();
        UUID another = UUID.randomUUID();
        assertTrue(queue.claim(one, 100).contains(UUID.fromString(id)));
        assertFalse(queue.claim(another, 100).contains(UUID.fromString(id)));
        queue.release(UUID.fromString(id), one);
        assertTrue(receiver.received(path).isEmpty());

        dispatcher.start();
        until("the backlog is delivered", () -> receiver.received(path).size() >= 3);
        assertEquals(published, articleIds(receiver.received(path)));
    }

    @Test
    void aRevokedKeysWebhooksAreNotDelivered() {
        String key = Keys.issue(Roles.PARTNER);
        UUID id = UUID.fromString(given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(Fixtures.unique("revoked"))))
                .when().post(WEBHOOKS).then().statusCode(201).extract().path("id"));
        dispatcher.stop();
        publish(Map.of("headline", "For a key about to go"));
        UUID claimant = UUID.randomUUID();
        assertTrue(queue.claim(claimant, 100).contains(id), "a current partner key's webhook has work");
        queue.release(id, claimant);

        String keyId = Keys.service().authenticate(key).orElseThrow().keyId().toString();
        given().auth().oauth2(adminKey).when().delete("/api/v1/keys/" + keyId).then().statusCode(204);
        assertFalse(queue.claim(claimant, 100).contains(id), "a revoked key's webhook is not delivered");
    }

    private static RequestSpecification asPartner() {
        return given().auth().oauth2(partnerKey);
    }

    private static RequestSpecification asEditor() {
        return given().auth().oauth2(editorKey);
    }

    private static JsonPath subscribe(Map<String, Object> body) {
        return asPartner().contentType(ContentType.JSON).body(body)
                .when().post(WEBHOOKS)
                .then().statusCode(201)
                .extract().jsonPath();
    }

    private static String source() {
        String slug = Fixtures.unique("src");
        asEditor().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Filter Agency", "kind", "wire-agency"))
                .when().post("/api/v1/sources").then().statusCode(201);
        return slug;
    }

    private static String publish(Map<String, Object> fields) {
        String id = asEditor().contentType(ContentType.JSON).body(fields)
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        asEditor().when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        return id;
    }

    private static void edit(String id, Map<String, Object> patch) {
        String etag = asEditor().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        asEditor().contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                .when().patch("/api/v1/articles/" + id).then().statusCode(200);
    }

    private static void correct(String id) {
        asEditor().contentType(ContentType.JSON).body(Map.of("text", "A date was wrong."))
                .when().post("/api/v1/articles/" + id + "/corrections").then().statusCode(201);
    }

    private static void withdraw(String id) {
        asEditor().contentType(ContentType.JSON).body(Map.of("reason", "Legal advice."))
                .when().post("/api/v1/articles/" + id + "/withdraw").then().statusCode(200);
    }

    private static void delete(String id) {
        String etag = asEditor().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        asEditor().header("If-Match", etag).when().delete("/api/v1/articles/" + id).then().statusCode(204);
    }

    /** The cursor after the newest change. */
    private static String endOfChangeFeed() {
        String cursor = null;
        while (true) {
            RequestSpecification spec = asPartner().queryParam("limit", 1000);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                return page.getString("next");
            }
            cursor = page.getString("next");
        }
    }

    private static List<Map<String, Object>> changesSince(String cursor) {
        return asPartner().queryParam("limit", 1000).queryParam("cursor", cursor)
                .when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** Entries in a webhook's delivery log: an attempt is logged just after the receiver has answered it. */
    private static int logged(String id) {
        return asPartner().queryParam("limit", 100).when().get(WEBHOOKS + "/" + id + "/deliveries")
                .then().statusCode(200).extract().path("items.size()");
    }

    private long subscriptions() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from webhook_subscription").getSingleResult()).longValue());
    }

    private static List<String> types(List<Receiver.Request> requests) {
        return requests.stream().map(r -> JsonPath.from(r.text()).getString("type")).toList();
    }

    private static List<String> articleIds(List<Receiver.Request> requests) {
        return requests.stream().map(r -> JsonPath.from(r.text()).getString("data.articleId")).toList();
    }

    private static String hmac(byte[] key, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

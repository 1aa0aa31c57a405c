package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.article.ScheduledPublication;
import dev.byline.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduled publication, embargo and expiry, as the public, partners and the change feed see them over time. */
@QuarkusTest
class TimeRulesTest {

    /** How long a change may take to be heard (the notices arrive in milliseconds; this is for a loaded machine). */
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    static Newsroom newsroom;

    @Inject
    TimeRules timeRules;

    @Inject
    ScheduledPublication scheduled;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    /** Between two polls for a condition: long enough not to flood a loaded machine, short next to any wait. */
    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Changes of {@code id} after {@code cursor}, polling until {@code until} holds or five seconds have passed. */
    private static List<String> kindsOf(String id, String cursor, Predicate<List<String>> until) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            List<Map<String, Object>> items = newsroom.asPartner().queryParam("cursor", cursor).queryParam("limit", 1000)
                    .when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath().getList("items");
            List<String> kinds = items.stream().filter(i -> id.equals(i.get("articleId")))
                    .map(i -> (String) i.get("kind")).toList();
            if (until.test(kinds) || Instant.now().isAfter(deadline)) {
                return kinds;
            }
            pause();
        }
    }

    /** The changes of {@code id} after {@code cursor} as they stand now. */
    private static List<String> kindsOf(String id, String cursor) {
        return kindsOf(id, cursor, k -> true);
    }

    /**
     * The clock reaches the article's scheduled time: moved to a moment ago in the database, as if an hour had
     * passed, so the test waits for nothing. Its notice reaches the read caches as any other change would.
     */
    private void timeReachesScheduleOf(String id) {
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, entityManager.createNativeQuery(
                "update article set published_at = now() - interval '1 second' where id = ?1 and status = 'scheduled'")
                .setParameter(1, UUID.fromString(id)).executeUpdate()));
    }

    @Test
    void aScheduledArticleAppearsAtItsTimeAndIsAnnouncedThen() {
        String cursor = newsroom.endOfChangeFeed();
        String section = Fixtures.unique("sched");
        String feed = "/feeds/sections/" + section + "/feed.json";
        String id = newsroom.draft(Map.of("headline", "Due soon", "section", section));
        newsroom.publish(id, Map.of("publishAt", Instant.now().plus(Duration.ofHours(1)).toString()));
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        given().get(feed).then().statusCode(200).body("items", hasSize(0));
        // The jobs run before the time: nothing is published or announced early.
        scheduled.publishDue();
        timeRules.apply();
        scheduled.publishDue();
        timeRules.apply();
        assertEquals(List.of(), kindsOf(id, cursor), "nothing is announced before the time");
        given().get("/api/v1/articles/" + id).then().statusCode(404);

        timeReachesScheduleOf(id);
        scheduled.publishDue();
        assertEquals(List.of("published"), kindsOf(id, cursor, k -> !k.isEmpty()));
        given().get("/api/v1/articles/" + id).then().statusCode(200).body("status", equalTo("published"));
        awaitItems(feed, 1);
        // Announced once, not again at the next runs of the jobs.
        scheduled.publishDue();
        timeRules.apply();
        assertEquals(List.of("published"), kindsOf(id, cursor));
    }

    /** Reads {@code feed} until it lists {@code count} items: the cached empty feed goes when the change is heard. */
    private static void awaitItems(String feed, int count) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (given().get(feed).then().statusCode(200).extract().jsonPath().getList("items").size() != count) {
            assertTrue(Instant.now().isBefore(deadline), feed + " does not list " + count + " items");
            pause();
        }
    }

    @Test
    void partnersGetAnEmbargoedArticleEarlyAndThePublicNothing() {
        String cursor = newsroom.endOfChangeFeed();
        String section = Fixtures.unique("embargo");
        String id = newsroom.draft(Map.of("headline", "Under embargo", "section", section));
        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        newsroom.publish(id, Map.of("embargoedUntil", until.toString()));

        given().get("/api/v1/articles/" + id).then().statusCode(404);
        given().get("/api/v1/articles/" + id + "/comments").then().statusCode(404);
        given().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(404);
        given().queryParam("section", section).get("/api/v1/articles").then().statusCode(200).body("items", hasSize(0));
        given().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200).body("items", hasSize(0));

        newsroom.asPartner().get("/api/v1/articles/" + id).then().statusCode(200)
                .header("Cache-Control", startsWith("private"))
                .body("embargoedUntil", equalTo(until.toString()));
        newsroom.asPartner().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(200)
                .body("embargoedUntil", equalTo(until.toString()))
                .body("pubStatus", equalTo("usable"));
        newsroom.asPartner().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0]._byline.embargoedUntil", equalTo(until.toString()));
        newsroom.asPartner().queryParam("cursor", cursor).get("/api/v1/changes").then().statusCode(200)
                .body("items.findAll { it.articleId == '" + id + "' }.kind", equalTo(List.of("published")))
                .body("items.findAll { it.articleId == '" + id + "' }.embargoedUntil", equalTo(List.of(until.toString())));
    }

    @Test
    void anExpiredArticleLeavesListsAndFeedsAndIsAnnounced() {
        String cursor = newsroom.endOfChangeFeed();
        String section = Fixtures.unique("expiry");
        Instant expires = Instant.now().plusSeconds(2);
        String id = newsroom.published(Map.of("headline", "Short shelf life", "section", section,
                "expiresAt", expires.toString()));
        // The list is read (and kept in memory) before the expiry; no write tells it that the expiry has passed.
        given().queryParam("section", section).get("/api/v1/articles").then().statusCode(200).body("items", hasSize(1));
        Instant deadline = expires.plus(PATIENCE);
        while (given().queryParam("section", section).get("/api/v1/articles").then().statusCode(200)
                .extract().jsonPath().getList("items").size() == 1) {
            assertTrue(Instant.now().isBefore(deadline), "still listed " + PATIENCE + " after its expiry");
            pause();
        }
        assertFalse(Instant.now().isBefore(expires), "left the list before its expiry");
        given().get("/feeds/sections/" + section + "/rss.xml").then().statusCode(200).body(not(containsString(id)));
        newsroom.asPartner().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200).body("items", hasSize(0));
        given().get("/api/v1/articles/" + id).then().statusCode(410);
        given().get("/api/v1/articles/" + id + "/comments").then().statusCode(410);
        given().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(200)
                .body("pubStatus", equalTo("withheld"));
        timeRules.apply();
        assertEquals(List.of("published", "expired"), kindsOf(id, cursor, k -> k.contains("expired")));
        // Announced once, not again at the next runs of the job.
        timeRules.apply();
        timeRules.apply();
        assertEquals(List.of("published", "expired"), kindsOf(id, cursor));
    }

    @Test
    void anEmbargoInThePastIsRefused() {
        String id = newsroom.draft(Map.of("headline", "Too late"));
        newsroom.asEditor().contentType("application/json")
                .body(Map.of("embargoedUntil", Instant.now().minusSeconds(60).toString()))
                .when().post("/api/v1/articles/" + id + "/publish")
                .then().statusCode(400).body("errors.field", hasItem("embargoedUntil"));
    }
}

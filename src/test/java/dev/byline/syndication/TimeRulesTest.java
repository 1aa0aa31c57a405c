package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.article.ScheduledPublication;
import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduled publication, embargo and expiry, as the public, partners and the change feed see them over time. */
@QuarkusTest
class TimeRulesTest {

    static Newsroom newsroom;

    @Inject
    TimeRules timeRules;

    @Inject
    ScheduledPublication scheduled;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    /** Changes of {@code id} after {@code cursor}, polling (the job runs every second in tests) until one matches. */
    private static List<String> kindsOf(String id, String cursor, Predicate<List<String>> until) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        List<String> kinds = List.of();
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> items = newsroom.asPartner().queryParam("cursor", cursor).queryParam("limit", 1000)
                    .when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath().getList("items");
            kinds = items.stream().filter(i -> id.equals(i.get("articleId"))).map(i -> (String) i.get("kind")).toList();
            if (until.test(kinds)) {
                return kinds;
            }
            Thread.sleep(300);
        }
        return kinds;
    }

    @Test
    void aScheduledArticleAppearsAtItsTimeAndIsAnnouncedThen() throws Exception {
        String cursor = newsroom.endOfChangeFeed();
        String section = Fixtures.unique("sched");
        String id = newsroom.draft(Map.of("headline", "Due soon", "section", section));
        Instant at = Instant.now().plus(Duration.ofSeconds(6));
        // The clock-skew allowance (2 s in tests, a minute by default) treats anything closer as now.
        newsroom.publish(id, Map.of("publishAt", at.toString()));
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        // Give the jobs two runs, well before the time, to publish or announce the article too early.
        scheduled.publishDue();
        timeRules.apply();
        scheduled.publishDue();
        timeRules.apply();
        assertTrue(Instant.now().isBefore(at.minusSeconds(1)), "the test machine was too slow to check this");
        assertEquals(List.of(), kindsOf(id, cursor, k -> true), "nothing is announced before the time");
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        long wait = Duration.between(Instant.now(), at).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        given().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200).body("items", hasSize(1));
        assertEquals(List.of("published"), kindsOf(id, cursor, k -> !k.isEmpty()));
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
    void anExpiredArticleLeavesListsAndFeedsAndIsAnnounced() throws Exception {
        String cursor = newsroom.endOfChangeFeed();
        String section = Fixtures.unique("expiry");
        Instant expires = Instant.now().plusSeconds(2);
        String id = newsroom.published(Map.of("headline", "Short shelf life", "section", section,
                "expiresAt", expires.toString()));
        given().queryParam("section", section).get("/api/v1/articles").then().statusCode(200).body("items", hasSize(1));
        long wait = Duration.between(Instant.now(), expires).toMillis() + 100;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        given().queryParam("section", section).get("/api/v1/articles").then().statusCode(200).body("items", hasSize(0));
        given().get("/feeds/sections/" + section + "/rss.xml").then().statusCode(200).body(not(org.hamcrest.Matchers.containsString(id)));
        newsroom.asPartner().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200).body("items", hasSize(0));
        given().get("/api/v1/articles/" + id).then().statusCode(410);
        given().get("/api/v1/articles/" + id + "/comments").then().statusCode(410);
        given().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(200)
                .body("pubStatus", equalTo("withheld"));
        List<String> kinds = kindsOf(id, cursor, k -> k.contains("expired"));
        assertEquals(List.of("published", "expired"), kinds);
        // Announced once, not again at the next runs of the job.
        timeRules.apply();
        timeRules.apply();
        assertEquals(List.of("published", "expired"), kindsOf(id, cursor, k -> true));
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

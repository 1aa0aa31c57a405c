package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/changes: a mirror built from it equals what the public sees, and a cursor never skips a change (long
 * polls: {@link LongPollTest}).
 */
@QuarkusTest
class ChangeFeedTest {

    static Newsroom newsroom;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    /** Follows the feed from {@code cursor} to its end, returning every item and the final cursor. */
    private static Map.Entry<List<Map<String, Object>>, String> drain(String cursor) {
        List<Map<String, Object>> items = new ArrayList<>();
        while (true) {
            var spec = newsroom.asPartner().queryParam("limit", 1000);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> got = page.getList("items");
            String next = page.getString("next");
            items.addAll(got);
            if (got.isEmpty()) {
                assertEquals(cursor == null ? next : cursor, next, "an empty page returns the cursor it was given");
                return Map.entry(items, next);
            }
            cursor = next;
        }
    }

    @Test
    void replayingTheFeedFromTheStartRebuildsThePublicListing() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String section = Fixtures.unique("mirror");
        List<String> live = new ArrayList<>();
        Map<String, String> state = new HashMap<>(); // id -> draft | published | withdrawn
        for (int i = 0; i < 8; i++) {
            String id = newsroom.draft(Map.of("headline", "Mirror " + i, "section", section));
            live.add(id);
            state.put(id, "draft");
        }
        List<String> all = List.copyOf(live);
        for (int step = 0; step < 50 && !live.isEmpty(); step++) {
            String id = live.get(random.nextInt(live.size()));
            String status = state.get(id);
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    if (!status.equals("published")) {
                        newsroom.publish(id, null);
                        state.put(id, "published");
                    }
                }
                case 2 -> newsroom.edit(id, Map.of("standfirst", "Edit " + step));
                case 3 -> newsroom.correct(id, "Correction " + step);
                case 4 -> {
                    if (status.equals("published")) {
                        newsroom.withdraw(id);
                        state.put(id, "withdrawn");
                    }
                }
                default -> {
                    if (random.nextInt(3) == 0) {
                        newsroom.delete(id);
                        live.remove(id);
                        state.remove(id);
                    }
                }
            }
        }

        Map<String, Integer> mirror = new LinkedHashMap<>();
        for (Map<String, Object> item : drain(null).getKey()) {
            String id = (String) item.get("articleId");
            switch ((String) item.get("kind")) {
                case "published", "updated", "corrected" -> mirror.put(id, (Integer) item.get("version"));
                default -> mirror.remove(id);
            }
        }
        mirror.keySet().retainAll(all);

        JsonPath listing = given().queryParam("section", section).queryParam("limit", 100)
                .when().get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> shown = new HashMap<>();
        List<String> ids = listing.getList("items.id");
        List<Integer> versions = listing.getList("items.version");
        for (int i = 0; i < ids.size(); i++) {
            shown.put(ids.get(i), versions.get(i));
        }
        assertEquals(shown, new HashMap<>(mirror), "mirror differs from the public listing (seed " + seed + ")");
    }

    @Test
    void itemsSayWhatToDoAndDeletionsCarryTheirTombstone() {
        String start = drain(null).getValue();
        String id = newsroom.published(Map.of("headline", "Short-lived"));
        newsroom.delete(id);
        newsroom.asPartner().queryParam("cursor", start).when().get("/api/v1/changes")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.kind", equalTo(List.of("published", "deleted")))
                .body("items[0].articleId", equalTo(id))
                .body("items[0].href", equalTo("http://localhost:" + RestAssured.port + "/api/v1/articles/" + id))
                .body("items[0].tombstone", nullValue())
                .body("items[1].href", nullValue())
                .body("items[1].tombstone.id", equalTo(id))
                .body("items[1].tombstone.deletedAt", not(emptyOrNullString()));
    }

    @Test
    void anEmptyPageKeepsItsCursorAndRevalidates() {
        String end = drain(null).getValue();
        Response response = newsroom.asPartner().queryParam("cursor", end).when().get("/api/v1/changes")
                .then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-cache"))
                .header("Last-Modified", not(emptyOrNullString()))
                .body("items", hasSize(0))
                .body("next", equalTo(end))
                .extract().response();
        newsroom.asPartner().queryParam("cursor", end).header("If-None-Match", response.header("ETag"))
                .when().get("/api/v1/changes").then().statusCode(304).body(emptyOrNullString());
        newsroom.asPartner().queryParam("cursor", "forged").when().get("/api/v1/changes").then().statusCode(400);
        newsroom.asPartner().queryParam("wait", 31).when().get("/api/v1/changes").then().statusCode(400)
                .body("errors[0].field", equalTo("wait"));
    }

    @Test
    void aReaderFollowingTheFeedDuringConcurrentWritesMissesNothing() throws Exception {
        String start = drain(null).getValue();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(newsroom.published(Map.of("headline", "Busy " + i)));
        }
        String afterSetup = drain(start).getValue();
        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<CompletableFuture<Void>> writes = ids.stream().map(id -> CompletableFuture.runAsync(() -> {
            for (int n = 0; n < 4; n++) {
                newsroom.correct(id, "Busy correction " + n);
            }
        }, writers)).toList();
        // Follow the feed while the writers run, as a partner polling hard would.
        List<Map<String, Object>> followed = new ArrayList<>();
        String cursor = afterSetup;
        while (!writes.stream().allMatch(CompletableFuture::isDone)) {
            var step = drain(cursor);
            followed.addAll(step.getKey());
            cursor = step.getValue();
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        writers.shutdown();
        followed.addAll(drain(cursor).getKey());

        List<Map<String, Object>> replayed = drain(afterSetup).getKey();
        assertEquals(replayed, followed, "the follower saw a different sequence than a later replay");
        assertEquals(24, followed.stream().filter(i -> ids.contains(i.get("articleId"))).count());
    }

    /** Kinds of the changes to {@code ids} after {@code cursor}, in feed order, and the cursor after them. */
    private static Map.Entry<List<String>, String> kindsSince(String cursor, List<String> ids) {
        var step = drain(cursor);
        List<String> kinds = step.getKey().stream().filter(i -> ids.contains(i.get("articleId")))
                .map(i -> i.get("articleId") + ":" + i.get("kind")).toList();
        return Map.entry(kinds, step.getValue());
    }

    private static void patchSource(String slug, Map<String, Object> patch) {
        String etag = given().get("/api/v1/sources/" + slug).then().statusCode(200).extract().header("ETag");
        newsroom.asEditor().contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                .when().patch("/api/v1/sources/" + slug).then().statusCode(200);
    }

    @Test
    void aSourceThatStopsOrResumesSyndicationTakesItsArticlesOutOfAndBackIntoTheMirror() {
        String source = newsroom.source("Flip Agency", Map.of("defaultAttribution", "Based on Flip report",
                "rights", Map.of("copyrightHolder", "Flip Agency", "syndicatable", true)));
        String inheriting = newsroom.published(Map.of("headline", "Inherits the flag", "source", source));
        String ownRights = newsroom.published(Map.of("headline", "Says it may be syndicated", "source", source,
                "rights", Map.of("syndicatable", true)));
        String draft = newsroom.draft(Map.of("headline", "Never published", "source", source));
        List<String> ids = List.of(inheriting, ownRights, draft);
        String cursor = drain(null).getValue();

        patchSource(source, Map.of("rights", Map.of("copyrightHolder", "Flip Agency", "syndicatable", false)));
        var stopped = kindsSince(cursor, ids);
        assertEquals(List.of(inheriting + ":withdrawn"), stopped.getKey(),
                "only the published article that follows the source's flag leaves partners");
        newsroom.asPartner().get("/api/v1/articles/" + inheriting + "/ninjs")
                .then().statusCode(404);

        patchSource(source, Map.of("rights", Map.of("copyrightHolder", "Flip Agency", "syndicatable", true)));
        var resumed = kindsSince(stopped.getValue(), ids);
        assertEquals(List.of(inheriting + ":published"), resumed.getKey());

        // A new attribution line or copyright holder changes what partners must print: every syndicated article
        // that inherits it is updated; an unrelated edit (the homepage) announces nothing.
        patchSource(source, Map.of("defaultAttribution", "Based on a Flip Agency report"));
        var reattributed = kindsSince(resumed.getValue(), ids);
        assertEquals(List.of(inheriting + ":updated", ownRights + ":updated"), reattributed.getKey());
        patchSource(source, Map.of("homepageUrl", "https://flip.example/"));
        assertEquals(List.of(), kindsSince(reattributed.getValue(), ids).getKey());
    }

    @Test
    void commentSettingsAreTheThreadsNotANewVersionOfTheArticle() {
        String moderator = dev.byline.support.Keys.issue(dev.byline.Roles.MODERATOR);
        String id = newsroom.published(Map.of("headline", "Comments close tonight"));
        Response before = newsroom.asEditor().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("commentsOpen", equalTo(true)).extract().response();
        String cursor = drain(null).getValue();

        given().auth().oauth2(moderator).contentType("application/json")
                .body(Map.of("commentsOpen", false, "moderation", "pre"))
                .put("/api/v1/moderation/articles/" + id).then().statusCode(200);

        // Readers see the thread closed at once; the article itself (version, updatedAt) is as it was, so partners
        // have nothing to fetch and the change feed says nothing.
        Response after = given().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("commentsOpen", equalTo(false))
                .body("version", equalTo(before.path("version")))
                .body("updatedAt", equalTo(before.path("updatedAt")))
                .extract().response();
        assertEquals(List.of(), kindsSince(cursor, List.of(id)).getKey());
        String versionOf = "^\"v(\\d+)-.*";
        assertEquals(before.header("ETag").replaceAll(versionOf, "$1"), after.header("ETag").replaceAll(versionOf, "$1"));
        org.junit.jupiter.api.Assertions.assertNotEquals(before.header("ETag"), after.header("ETag"),
                "the ETag still moves with what the JSON shows");

        // An editor's edit based on the copy read before the moderator acted is not refused, and does not reopen
        // the thread: each writes only its own columns.
        newsroom.asEditor().contentType("application/merge-patch+json").header("If-Match", before.header("ETag"))
                .body(Map.of("standfirst", "A late edit")).patch("/api/v1/articles/" + id).then().statusCode(200)
                .body("commentsOpen", equalTo(false));
        assertEquals(List.of(id + ":updated"), kindsSince(cursor, List.of(id)).getKey(),
                "the edit, a new version, is on the change feed");
    }
}

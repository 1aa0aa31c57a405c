package dev.byline.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writes racing for one row: one wins, the others learn that somebody else was first (a documented 404, 409 or 412
 * problem), and never a 500 from the version check that failed at commit.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int RACERS = 8;
    private static final int ROUNDS = 5;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void concurrentDeletesOfOneSourceGiveOneDeletionAndNoServerError() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String slug = Fixtures.source("Raced Agency", Map.of());
            List<Integer> statuses = race(() -> given().when().delete("/api/v1/sources/" + slug).then().extract()
                    .statusCode());
            assertEquals(1, statuses.stream().filter(s -> s == 204).count(), "one deletion wins: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 204 || s == 404 || s == 409 || s == 412),
                    "the others are told, not a 500: " + statuses);
            given().when().get("/api/v1/sources/" + slug).then().statusCode(404);
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aDeletionRacingEditsOfOneArticleNeverFailsWithAServerError() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = Fixtures.published(Map.of("headline", "Raced story"));
            String etag = given().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
            List<Integer> statuses = race(
                    () -> given().header("If-Match", "*").when().delete("/api/v1/articles/" + id).then().extract()
                            .statusCode(),
                    () -> given().contentType("application/merge-patch+json").header("If-Match", etag)
                            .body(Map.of("headline", "Edited while deleted")).when().patch("/api/v1/articles/" + id)
                            .then().extract().statusCode(),
                    () -> given().contentType("application/json").body(Map.of("text", "Corrected while deleted"))
                            .when().post("/api/v1/articles/" + id + "/corrections").then().extract().statusCode());
            assertTrue(statuses.stream().noneMatch(s -> s >= 500), "no server error: " + statuses);
            // Racers 0, 3 and 6 delete: if one of them won, the article is gone (410, it had been public).
            boolean deleted = statuses.get(0) == 204 || statuses.get(3) == 204 || statuses.get(6) == 204;
            given().get("/api/v1/articles/" + id).then().statusCode(deleted ? 410 : 200);
        }
    }

    /** Runs every action {@code RACERS} times at once (round robin), released together; their statuses. */
    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<Integer> action = actions[i % actions.length];
                results.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}

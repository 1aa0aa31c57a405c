package dev.byline.comment;

import static dev.byline.comment.CommentFixtures.article;
import static dev.byline.comment.CommentFixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.byline.Roles;
import dev.byline.support.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posting comments draws on its own, stricter bucket, announced before the general one and refused with 429. */
@QuarkusTest
@TestProfile(CommentRateLimitTest.FewComments.class)
class CommentRateLimitTest {

    private static final int COMMENTS = 3;

    /** A small comment allowance over a long window; the general allowance stays large. */
    public static class FewComments implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("byline.rate-limit.comment-requests", String.valueOf(COMMENTS),
                    "byline.rate-limit.comment-window-seconds", "3600");
        }
    }

    @Test
    void aClientPostsOnlyItsAllowanceOfCommentsAndIsToldWhenToRetry() {
        String article = article(Keys.issue(Roles.EDITOR));
        for (int remaining = COMMENTS - 1; remaining >= 0; remaining--) {
            post(article, Map.of()).statusCode(201)
                    .header("RateLimit-Policy", equalTo("\"comments\";q=" + COMMENTS + ";w=3600, \"anonymous\";q=1000000;w=60"))
                    .header("RateLimit", matchesPattern("\"comments\";r=" + remaining + ";t=\\d+, \"anonymous\";r=\\d+;t=\\d+"));
        }
        post(article, Map.of()).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit", startsWith("\"comments\";r=0;"))
                .body("type", equalTo("/problems/rate-limited"));
        // Reading is not limited by it.
        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(COMMENTS));
    }
}

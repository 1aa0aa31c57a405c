package dev.byline.comment;

import static dev.byline.comment.CommentFixtures.article;
import static dev.byline.comment.CommentFixtures.freshBody;
import static dev.byline.support.SmallRateLimits.COMMENTS;
import static dev.byline.support.SmallRateLimits.KEYED;
import static dev.byline.support.SmallRateLimits.WINDOW_SECONDS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.byline.Roles;
import dev.byline.support.Keys;
import dev.byline.support.SmallRateLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Posting comments draws on its own, stricter bucket, announced before the general one and refused with 429.
 * Runs in the rate-limit tests' shared profile, where the address's bucket belongs to {@code RateLimitTest}: every
 * call here is made with a key, so the comment bucket is the key's and the general one is the "key" policy.
 */
@QuarkusTest
@TestProfile(SmallRateLimits.class)
class CommentRateLimitTest {

    @Test
    void aClientPostsOnlyItsAllowanceOfCommentsAndIsToldWhenToRetry() {
        String article = article(Keys.issue(Roles.EDITOR));
        String commenter = Keys.issue(Roles.EDITOR);
        for (int remaining = COMMENTS - 1; remaining >= 0; remaining--) {
            post(commenter, article).statusCode(201)
                    .header("RateLimit-Policy", equalTo("\"comments\";q=" + COMMENTS + ";w=" + WINDOW_SECONDS
                            + ", \"key\";q=" + KEYED + ";w=" + WINDOW_SECONDS))
                    .header("RateLimit", matchesPattern("\"comments\";r=" + remaining + ";t=\\d+, \"key\";r="
                            + (KEYED - COMMENTS + remaining) + ";t=\\d+"));
        }
        post(commenter, article).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit", startsWith("\"comments\";r=0;"))
                .body("type", equalTo("/problems/rate-limited"));
        // Reading is not limited by it.
        given().auth().oauth2(commenter).when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(COMMENTS));
    }

    private static ValidatableResponse post(String key, String article) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("authorName", "Ayesha", "body", freshBody()))
                .when().post("/api/v1/articles/" + article + "/comments").then();
    }
}

package dev.byline.security;

import dev.byline.Roles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.byline.support.Keys;
import dev.byline.support.SmallRateLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token buckets per client address and per key, announced in RateLimit headers, refused with 429 when empty. */
@QuarkusTest
@TestProfile(SmallRateLimits.class)
class RateLimitTest {

    private static final int ANONYMOUS = SmallRateLimits.ANONYMOUS;
    private static final int KEYED = SmallRateLimits.KEYED;
    private static final String BAD_KEY = "byl_AAAAAAAA_" + "B".repeat(32);

    @Test
    void anonymousCallersShareABucketPerAddressAndCannotEscapeItWithXForwardedFor() {
        String editor = Keys.issue(Roles.EDITOR);
        String slug = "counted-" + System.nanoTime();
        String id = given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("headline", "Counted", "slug", slug))
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(editor).when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);

        // Reads count whether they come from the database or from memory; 304 revalidations do not count, so a
        // poller with a current ETag is never throttled.
        String etag = given().when().get("/api/v1/articles/" + slug)
                .then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"anonymous\";q=" + ANONYMOUS + ";w=3600"))
                .header("RateLimit", matchesPattern("\"anonymous\";r=" + (ANONYMOUS - 1) + ";t=\\d+"))
                .extract().header("ETag");
        given().when().get("/api/v1/articles/" + slug).then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"anonymous\";q=" + ANONYMOUS + ";w=3600"))
                .header("RateLimit", matchesPattern("\"anonymous\";r=" + (ANONYMOUS - 2) + ";t=\\d+"));
        for (int i = 0; i < 10; i++) {
            given().header("If-None-Match", etag).when().get("/api/v1/articles/" + slug).then().statusCode(304);
        }
        // "If-None-Match: *" is a 304 too (RFC 9110 §13.1.2), but a client that shows no tag revalidates nothing: it
        // counts, whether the article is answered by the router or by JAX-RS.
        given().header("If-None-Match", "*").when().get("/api/v1/articles/" + slug)
                .then().statusCode(304)
                .header("RateLimit", matchesPattern("\"anonymous\";r=" + (ANONYMOUS - 3) + ";t=\\d+"));
        given().header("If-None-Match", "*").when().get("/api/v1/sections")
                .then().statusCode(304)
                .header("RateLimit", matchesPattern("\"anonymous\";r=" + (ANONYMOUS - 4) + ";t=\\d+"));
        // A key that is not valid is refused, and draws from its address's bucket like a call without one.
        given().header("X-API-Key", BAD_KEY).when().get("/api/v1/sections")
                .then().statusCode(401)
                .header("RateLimit", matchesPattern("\"anonymous\";r=" + (ANONYMOUS - 5) + ";t=\\d+"));
        for (int remaining = ANONYMOUS - 6; remaining >= 0; remaining--) {
            given().when().get("/api/v1/sections").then().statusCode(200)
                    .header("RateLimit", matchesPattern("\"anonymous\";r=" + remaining + ";t=\\d+"));
        }

        given().when().get("/api/v1/articles/" + slug)
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/rate-limited"));
        given().when().get("/api/v1/sections")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit", matchesPattern("\"anonymous\";r=0;t=\\d+"))
                .body("type", equalTo("/problems/rate-limited"));
        // No proxy is trusted here, so a forged client address changes nothing.
        given().header("X-Forwarded-For", "203.0.113.9").when().get("/api/v1/sections").then().statusCode(429);
        // Nor does presenting keys that do not exist: each is one more request from this address.
        given().header("X-API-Key", BAD_KEY).when().get("/api/v1/sections")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"));
        given().auth().oauth2("byl_ZZZZZZZZ_" + "9".repeat(32)).when().get("/api/v1/sections").then().statusCode(429);

        // A key has its own bucket.
        String partner = Keys.issue(Roles.EDITOR);
        given().auth().oauth2(partner).when().get("/api/v1/sections")
                .then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"key\";q=" + KEYED + ";w=3600"));
    }
}

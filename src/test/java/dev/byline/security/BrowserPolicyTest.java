package dev.byline.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * CORS: any origin may read, only configured origins may write. Preflight OPTIONS requests are not API operations
 * in the contract, so those exchanges bypass the contract filter ({@code noFilters()}).
 */
@QuarkusTest
class BrowserPolicyTest {

    /**
     * The one origin that may write: set for every test in application.properties ({@code %test}), since no other
     * test sends it, rather than in a profile of its own that would restart Quarkus for this class.
     */
    private static final String NEWSROOM = "https://newsroom.example.org";

    @Test
    void anyOriginMayRead() {
        given().noFilters().header("Origin", "https://reader.example.com").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/articles")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Allow-Headers", containsString("If-None-Match"));
        given().header("Origin", "https://reader.example.com")
                .when().get("/api/v1/sections")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
    }

    @Test
    void onlyConfiguredOriginsMayWrite() {
        given().noFilters().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/articles")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue());
        given().noFilters().header("Origin", NEWSROOM).header("Access-Control-Request-Method", "PATCH")
                .when().options("/api/v1/articles/some-slug")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(NEWSROOM))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
    }

    @Test
    void apiResponsesForbidSniffingAndFraming() {
        given().when().get("/api/v1/sections")
                .then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}

package dev.byline.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

import dev.byline.support.As;
import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conditional GETs answer 304 only where RFC 9110 §13 says the client's copy is current: never for a date the server
 * has not reached yet, and for {@code If-None-Match: *} only when there is something to match.
 */
@QuarkusTest
class ConditionalRequestsTest {

    private static final String FEED = "/feeds/rss.xml";

    @Test
    void aDateInTheFutureIsIgnored() {
        String lastModified = given().when().get(FEED).then().statusCode(200).extract().header("Last-Modified");
        given().header("If-Modified-Since", lastModified).when().get(FEED).then().statusCode(304);

        String tomorrow = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
        given().header("If-Modified-Since", tomorrow).when().get(FEED)
                .then().statusCode(200).body(not(emptyOrNullString()));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aWildcardMatchesOnlyWhatExists() {
        String id = Fixtures.published(Map.of("headline", "Wildcards", "bodyText", "Text."));
        As.anonymous(() -> {
            // Read once so that the article is answered from memory, as most reads are.
            given().when().get("/api/v1/articles/" + id).then().statusCode(200);
            given().header("If-None-Match", "*").when().get("/api/v1/articles/" + id).then().statusCode(304);
            given().header("If-None-Match", "*").when().get("/api/v1/articles/" + Fixtures.unique("nothing"))
                    .then().statusCode(404);
            String tomorrow = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
            given().header("If-Modified-Since", tomorrow)
                    .when().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(200);
        });
    }
}

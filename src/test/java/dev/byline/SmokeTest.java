package dev.byline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest {
    @Test
    @TestSecurity(user = "ed", roles = "editor")
    void createAndRead() {
        String src = dev.byline.support.Fixtures.source("Test Agency", Map.of("defaultAttribution", "Based on Test report"));
        String id = dev.byline.support.Fixtures.published(Map.of("headline", "Hello world", "bodyText", "One two.\n\nThree.",
                "source", src));
        given().get("/api/v1/articles/" + id).then().log().ifValidationFails().statusCode(200)
                .body("attribution", equalTo("Based on Test report"));
        given().get("/api/v1/articles?limit=0").then().statusCode(400);
        given().get("/api/v1/articles").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{bad").post("/api/v1/articles").then().log().all().statusCode(400);
    }
}

package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An article that was never shown to somebody stays unknown to them after it is withdrawn or deleted: 404 in JSON
 * and ninjs, exactly as for an article that never existed, never a 410 or a withheld/canceled document that would
 * carry its headline or slug. Those who did see it learn that it went.
 */
@QuarkusTest
class HiddenArticlesTest {

    static Newsroom newsroom;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    private static void assertUnknownTo(Supplier<RequestSpecification> caller, String id) {
        caller.get().get("/api/v1/articles/" + id).then().statusCode(404)
                .body("detail", not(containsString("withdrawn")))
                .body("detail", not(containsString("deleted")));
        caller.get().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(404)
                .body(not(containsString("Secret")));
    }

    @Test
    void aScheduledArticleWithdrawnBeforeItsTimeStaysUnknown() {
        String id = newsroom.draft(Map.of("headline", "Secret merger talks", "byline", "Jane"));
        newsroom.publish(id, Map.of("publishAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        newsroom.withdraw(id);

        assertUnknownTo(() -> given(), id);
        assertUnknownTo(newsroom::asPartner, id);
        newsroom.asEditor().get("/api/v1/articles/" + id).then().statusCode(200).body("status", equalTo("withdrawn"));
    }

    @Test
    void aDeletedDraftStaysUnknownButItsEditorsLearnItWasDeleted() {
        String id = newsroom.draft(Map.of("headline", "Secret draft"));
        newsroom.asEditor().get("/api/v1/articles/" + id).then().statusCode(200);
        String etag = newsroom.asEditor().get("/api/v1/articles/" + id).then().extract().header("ETag");
        newsroom.asEditor().header("If-Match", etag).delete("/api/v1/articles/" + id).then().statusCode(204);

        assertUnknownTo(() -> given(), id);
        assertUnknownTo(newsroom::asPartner, id);
        newsroom.asEditor().get("/api/v1/articles/" + id).then().statusCode(410);
    }

    @Test
    void anEmbargoedArticleWithdrawnEarlyIsGoneForPartnersAndUnknownToThePublic() {
        String id = newsroom.draft(Map.of("headline", "Secret embargoed results"));
        newsroom.publish(id, Map.of("embargoedUntil", Instant.now().plus(2, ChronoUnit.HOURS).toString()));
        newsroom.withdraw(id);

        assertUnknownTo(() -> given(), id);
        newsroom.asPartner().get("/api/v1/articles/" + id).then().statusCode(410);
        newsroom.asPartner().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(200)
                .body("pubStatus", equalTo("withheld"))
                .header("Cache-Control", not(containsString("public")));
    }

    @Test
    void aPublishedArticleIsGoneForEverybodyOnceWithdrawnOrDeleted() {
        String withdrawn = newsroom.published(Map.of("headline", "Was public, then withdrawn"));
        newsroom.withdraw(withdrawn);
        given().get("/api/v1/articles/" + withdrawn).then().statusCode(410);
        given().get("/api/v1/articles/" + withdrawn + "/ninjs").then().statusCode(200)
                .body("pubStatus", equalTo("withheld"));

        String deleted = newsroom.published(Map.of("headline", "Was public, then deleted"));
        newsroom.delete(deleted);
        given().get("/api/v1/articles/" + deleted).then().statusCode(410);
        given().get("/api/v1/articles/" + deleted + "/ninjs").then().statusCode(200)
                .body("pubStatus", equalTo("canceled"));
    }

    @Test
    void theJsonRepresentationVariesByAcceptAndAZeroQualityRefusesNinjs() {
        String id = newsroom.published(Map.of("headline", "Negotiated"));
        given().get("/api/v1/articles/" + id).then().statusCode(200)
                .header("Vary", containsString("Accept"));
        given().accept("application/ninjs+json;q=0, application/json").get("/api/v1/articles/" + id)
                .then().statusCode(200).contentType(containsString("application/json")).body("headline",
                        equalTo("Negotiated"));
        given().accept("text/html").get("/api/v1/articles/" + id).then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void anUnsyndicatableDraftIsUnknownNotUnavailable() {
        String source = newsroom.source("Closed Agency", Map.of("rights", Map.of("syndicatable", false)));
        String id = newsroom.draft(Map.of("headline", "Secret closed draft", "source", source));
        given().get("/api/v1/articles/" + id + "/ninjs").then().statusCode(404)
                .body("detail", not(containsString("syndication")));
        List.of(id).forEach(x -> given().get("/api/v1/articles/" + x).then().statusCode(404));
    }
}

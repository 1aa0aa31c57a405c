package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/articles/{idOrSlug} as IPTC ninjs 3.1, validated against the official schema. */
@QuarkusTest
class NinjsTest {

    static final String NINJS = "application/ninjs+json";
    static Newsroom newsroom;
    static Schema schema;

    @BeforeAll
    static void setUp() throws IOException {
        newsroom = new Newsroom();
        try (InputStream in = NinjsTest.class.getResourceAsStream("/ninjs/ninjs-schema_3.1.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    static void assertValidNinjs(String json) {
        assertEquals(List.of(), schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList(),
                "ninjs 3.1 schema violations");
    }

    private String story(Map<String, Object> extra) {
        String origin = newsroom.source("Asian News International", Map.of("defaultAttribution", "Based on ANI report",
                "rights", Map.of("copyrightHolder", "ANI", "usageTerms", "Subscribers only.")));
        String cited = newsroom.source("TASS", Map.of());
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("headline", "Monsoon & \"rain\" <arrive> 🌧",
                "standfirst", "Four days early.", "bodyText", "First paragraph.\n\nSecond & last.",
                "byline", "Weather desk", "dateline", "Kochi", "section", "india", "tags", List.of("weather", "monsoon"),
                "source", origin, "citedSources", List.of(Map.of("source", cited, "role", "quoted"))));
        fields.putAll(extra);
        return newsroom.published(fields);
    }

    @Test
    void aPublishedArticleIsUsableNinjsWithEveryField() throws IOException {
        String id = story(Map.of());
        Response response = given().accept(NINJS).when().get("/api/v1/articles/" + id)
                .then().statusCode(200)
                .contentType(startsWith(NINJS))
                .header("ETag", not(emptyOrNullString()))
                .header("Last-Modified", not(emptyOrNullString()))
                .header("Vary", containsString("Accept"))
                .header("Cache-Control", startsWith("public"))
                .body("uri", equalTo("urn:uuid:" + id))
                .body("type", equalTo("text"))
                .body("version", equalTo("1"))
                .body("pubStatus", equalTo("usable"))
                .body("language", equalTo("en"))
                .body("headlines[0].value", equalTo("Monsoon & \"rain\" <arrive> 🌧"))
                .body("descriptions[0].value", equalTo("Four days early."))
                .body("bodies.contentType", equalTo(List.of("text/plain", "text/html")))
                .body("bodies[0].value", equalTo("First paragraph.\n\nSecond & last."))
                .body("bodies[1].value", equalTo("<p>First paragraph.</p><p>Second &amp; last.</p>"))
                .body("by", equalTo("Weather desk"))
                .body("located", equalTo("Kochi"))
                .body("subjects.name", equalTo(List.of("india", "weather", "monsoon")))
                .body("subjects.rel", equalTo(List.of("section", "tag", "tag")))
                .body("copyrightHolder", equalTo("ANI"))
                .body("usageTerms", equalTo("Subscribers only."))
                .body("copyrightNotice", equalTo("Based on ANI report"))
                .body("infoSources.name", equalTo(List.of("Asian News International", "TASS")))
                .body("infoSources.role", equalTo(List.of("originator", "quoted")))
                .body("firstCreated", not(emptyOrNullString()))
                .body("versionCreated", not(emptyOrNullString()))
                .body("embargoedUntil", nullValue())
                .extract().response();
        assertValidNinjs(response.asString());
        // Kept for a check with the reference validator: shared/tools/ninjs-validate target/ninjs-sample.json
        Files.writeString(Path.of("target/ninjs-sample.json"), response.asString());

        String byParameter = given().queryParam("format", "ninjs").when().get("/api/v1/articles/" + id)
                .then().statusCode(200).contentType(startsWith(NINJS)).extract().asString();
        assertEquals(response.asString(), byParameter);
        given().accept("application/json").when().get("/api/v1/articles/" + id)
                .then().statusCode(200).contentType(startsWith("application/json")).body("id", equalTo(id));
    }

    @Test
    void withdrawnIsWithheldAndDeletedIsCanceled() {
        String id = story(Map.of());
        newsroom.withdraw(id);
        String withheld = given().accept(NINJS).when().get("/api/v1/articles/" + id)
                .then().statusCode(200)
                .body("pubStatus", equalTo("withheld"))
                .body("bodies", nullValue())
                .extract().asString();
        assertValidNinjs(withheld);
        given().when().get("/api/v1/articles/" + id).then().statusCode(410);

        newsroom.delete(id);
        String canceled = given().accept(NINJS).when().get("/api/v1/articles/" + id)
                .then().statusCode(200)
                .body("uri", equalTo("urn:uuid:" + id))
                .body("pubStatus", equalTo("canceled"))
                .body("headlines", nullValue())
                .extract().asString();
        assertValidNinjs(canceled);
    }

    @Test
    void nothingNonSyndicatableOrUnpublishedIsShownAsNinjs() {
        String closed = story(Map.of("rights", Map.of("syndicatable", false)));
        given().when().get("/api/v1/articles/" + closed).then().statusCode(200);
        given().accept(NINJS).when().get("/api/v1/articles/" + closed).then().statusCode(404)
                .contentType("application/problem+json");
        newsroom.asPartner().accept(NINJS).when().get("/api/v1/articles/" + closed).then().statusCode(404);
        String draft = newsroom.draft(Map.of("headline", "Not yet"));
        given().accept(NINJS).when().get("/api/v1/articles/" + draft).then().statusCode(404);
        given().accept(NINJS).when().get("/api/v1/articles/" + Fixtures.unique("nothing")).then().statusCode(404);
        given().queryParam("format", "xml").when().get("/api/v1/articles/" + closed).then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void ninjsRevalidatesWithETagOrDateAndDiffersFromJson() {
        String id = story(Map.of());
        Response ninjs = given().accept(NINJS).when().get("/api/v1/articles/" + id).then().statusCode(200).extract().response();
        String json = given().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        assertNotEquals(json, ninjs.header("ETag"));
        given().accept(NINJS).header("If-None-Match", ninjs.header("ETag")).when().get("/api/v1/articles/" + id)
                .then().statusCode(304).body(emptyOrNullString());
        given().accept(NINJS).header("If-Modified-Since", ninjs.header("Last-Modified")).when().get("/api/v1/articles/" + id)
                .then().statusCode(304);
        newsroom.asPartner().accept(NINJS).when().get("/api/v1/articles/" + id)
                .then().statusCode(200).header("Cache-Control", equalTo("private, no-cache"))
                .body("subjects", hasSize(3));
    }
}

package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/articles/{idOrSlug}/ninjs: IPTC ninjs 3.1, validated against the official schema, kept in memory. */
@QuarkusTest
class NinjsTest {

    static final String NINJS = "application/ninjs+json";
    static Newsroom newsroom;

    @Inject
    EntityManagerFactory entityManagerFactory;
    static Schema schema;

    @BeforeAll
    static void setUp() {
        newsroom = new Newsroom();
    }

    /** Fails on any violation of the official ninjs 3.1 schema; other test classes use it too. */
    static synchronized void assertValidNinjs(String json) {
        if (schema == null) {
            try (InputStream in = NinjsTest.class.getResourceAsStream("/ninjs/ninjs-schema_3.1.json")) {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertEquals(List.of(), schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList(),
                "ninjs 3.1 schema violations");
    }

    private static String ninjs(String idOrSlug) {
        return "/api/v1/articles/" + idOrSlug + "/ninjs";
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
        Response response = given().accept(NINJS).when().get(ninjs(id))
                .then().statusCode(200)
                .contentType(startsWith(NINJS))
                .header("ETag", not(emptyOrNullString()))
                .header("Last-Modified", not(emptyOrNullString()))
                .header("Vary", equalTo("Accept-Encoding, Authorization, X-API-Key"))
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
                // Without a site configured (see SiteFeedsTest for one) the only typed link is the API's JSON.
                .body("renditions.name", equalTo(List.of("api")))
                .body("renditions[0].href", endsWith("/api/v1/articles/" + id))
                .body("renditions[0].contentType", equalTo("application/json"))
                .extract().response();
        assertValidNinjs(response.asString());
        // Kept for a check with the reference validator: shared/tools/ninjs-validate target/ninjs-sample.json
        Files.writeString(Path.of("target/ninjs-sample.json"), response.asString());

        // ninjs is JSON: a client that asks for application/json (or anything) gets the same document.
        String asJson = given().accept("application/json").when().get(ninjs(id))
                .then().statusCode(200).contentType(startsWith(NINJS)).extract().asString();
        assertEquals(response.asString(), asJson);
        given().accept("application/json").when().get("/api/v1/articles/" + id)
                .then().statusCode(200).contentType(startsWith("application/json")).body("id", equalTo(id));
    }

    @Test
    void askingTheArticleUrlForNinjsIsSentToTheNinjsUrl() {
        String id = story(Map.of());
        String slug = given().get("/api/v1/articles/" + id).then().statusCode(200).extract().path("slug");
        for (var request : List.of(given().accept(NINJS), given().queryParam("format", "ninjs"),
                given().accept("application/ninjs+json, application/json;q=0.5"))) {
            request.redirects().follow(false).when().get("/api/v1/articles/" + slug)
                    .then().statusCode(303)
                    .header("Location", endsWith("/api/v1/articles/" + slug + "/ninjs"))
                    .header("Vary", containsString("Accept"))
                    .body(emptyOrNullString());
        }
        // Followed as any HTTP client does, it ends at the document itself.
        given().redirects().follow(false).get("/api/v1/articles/" + slug + "/ninjs").then().statusCode(200)
                .body("uri", equalTo("urn:uuid:" + id));
        given().queryParam("format", "json").when().get("/api/v1/articles/" + slug)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aNinjsDocumentIsRenderedOnceAndThenServedFromMemory() {
        String id = story(Map.of());
        String path = ninjs(id);
        long first = SqlStatements.during(entityManagerFactory, () -> given().get(path).then().statusCode(200)
                .body("pubStatus", equalTo("usable")));
        long again = SqlStatements.during(entityManagerFactory, () -> given().get(path).then().statusCode(200)
                .body("pubStatus", equalTo("usable")));
        String etag = given().get(path).then().extract().header("ETag");
        long revalidated = SqlStatements.during(entityManagerFactory, () -> given().header("If-None-Match", etag)
                .when().get(path).then().statusCode(304));

        // The article with its sources (one statement) and the sources' batch (another), whatever it cites.
        assertTrue(first >= 1 && first <= 2, "the first ninjs read ran " + first + " statements");
        assertEquals(0, again, "a second GET of the same ninjs ran " + again + " statements");
        assertEquals(0, revalidated, "a 304 of a kept ninjs ran " + revalidated + " statements");

        // A change is read back at once, not served stale from memory.
        newsroom.withdraw(id);
        given().get(path).then().statusCode(200).body("pubStatus", equalTo("withheld"))
                .header("ETag", not(equalTo(etag)));
    }

    @Test
    void withdrawnIsWithheldAndDeletedIsCanceled() {
        String id = story(Map.of());
        newsroom.withdraw(id);
        String withheld = given().accept(NINJS).when().get(ninjs(id))
                .then().statusCode(200)
                .body("pubStatus", equalTo("withheld"))
                .body("bodies", nullValue())
                .extract().asString();
        assertValidNinjs(withheld);
        given().when().get("/api/v1/articles/" + id).then().statusCode(410);

        newsroom.delete(id);
        String canceled = given().accept(NINJS).when().get(ninjs(id))
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
        given().accept(NINJS).when().get(ninjs(closed)).then().statusCode(404)
                .contentType("application/problem+json");
        newsroom.asPartner().accept(NINJS).when().get(ninjs(closed)).then().statusCode(404);
        String draft = newsroom.draft(Map.of("headline", "Not yet"));
        given().accept(NINJS).when().get(ninjs(draft)).then().statusCode(404);
        given().accept(NINJS).when().get(ninjs(Fixtures.unique("nothing"))).then().statusCode(404);
        given().queryParam("format", "xml").when().get("/api/v1/articles/" + closed).then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void ninjsRevalidatesWithETagOrDateAndDiffersFromJson() {
        String id = story(Map.of());
        Response document = given().accept(NINJS).when().get(ninjs(id)).then().statusCode(200).extract().response();
        String json = given().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        assertNotEquals(json, document.header("ETag"));
        given().accept(NINJS).header("If-None-Match", document.header("ETag")).when().get(ninjs(id))
                .then().statusCode(304).body(emptyOrNullString());
        given().accept(NINJS).header("If-Modified-Since", document.header("Last-Modified")).when().get(ninjs(id))
                .then().statusCode(304);
        newsroom.asPartner().accept(NINJS).when().get(ninjs(id))
                .then().statusCode(200).header("Cache-Control", equalTo("private, no-cache"))
                .body("subjects", hasSize(3));
    }
}

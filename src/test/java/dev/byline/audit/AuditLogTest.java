package dev.byline.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.Roles;
import dev.byline.security.KeyView;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every write is recorded with who made it, and a refused write leaves no record. */
@QuarkusTest
class AuditLogTest {

    @Test
    void writesAreRecordedWithTheKeyThatMadeThem() {
        String admin = Keys.issue(Roles.ADMIN);
        KeyView editorKey = Keys.create(Roles.EDITOR);
        String editor = editorKey.secret();
        String slug = Fixtures.unique("audited");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Audited Agency", "kind", "wire-agency"))
                .when().post("/api/v1/sources").then().statusCode(201);
        String etag = given().when().get("/api/v1/sources/" + slug).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(editor).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("name", "Audited Agency Ltd"))
                .when().patch("/api/v1/sources/" + slug).then().statusCode(200);

        given().auth().oauth2(admin)
                .when().get("/api/v1/audit?targetType=source&targetId=" + slug)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("source.update"))
                .body("items[0].summary", equalTo(Map.of("name", "Audited Agency Ltd")))
                .body("items[0].actor.keyId", equalTo(editorKey.id().toString()))
                .body("items[1].action", equalTo("source.create"))
                .body("items[1].target", equalTo(Map.of("type", "source", "id", slug)))
                .body("items[1].summary", equalTo(Map.of("slug", slug, "name", "Audited Agency", "kind", "wire-agency")))
                .body("items[1].actor", equalTo(Map.of("keyId", editorKey.id().toString(), "name", editorKey.name())))
                .extract().jsonPath().getList("items.at", String.class).stream().map(Instant::parse)
                .forEach(at -> assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), "recorded at " + at));
    }

    @Test
    void summariesAreJsonOfWhatTheRequestSetWithLongValuesShortened() {
        String admin = Keys.issue(Roles.ADMIN);
        String editor = Keys.issue(Roles.EDITOR);
        String cited = Fixtures.unique("cited");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("slug", cited, "name", "Cited Agency", "kind", "newspaper"))
                .when().post("/api/v1/sources").then().statusCode(201);
        String body = "Paragraph. ".repeat(50).strip();
        List<String> tags = IntStream.rangeClosed(1, 12).mapToObj(i -> "tag-" + i).toList();
        String id = given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("headline", "Summarised story", "standfirst", "Kept as it is.", "bodyText", body,
                        "tags", tags, "citedSources", List.of(Map.of("source", cited, "role", "cited"))))
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        String etag = given().auth().oauth2(editor).when().get("/api/v1/articles/" + id).then().extract().header("ETag");
        given().auth().oauth2(editor).contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"standfirst\": null, \"rights\": {\"syndicatable\": false}}")
                .when().patch("/api/v1/articles/" + id).then().statusCode(200);
        String current = given().auth().oauth2(editor).when().get("/api/v1/articles/" + id).then().extract().header("ETag");
        given().auth().oauth2(editor).header("If-Match", current).when().delete("/api/v1/articles/" + id)
                .then().statusCode(204);

        given().auth().oauth2(admin).queryParam("targetType", "article").queryParam("targetId", id)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", contains("article.delete", "article.update", "article.create"))
                .body("items[0].summary", nullValue())
                // A merge patch is listed as sent: null is a field cleared.
                .body("items[1].summary", equalTo(new java.util.LinkedHashMap<String, Object>() {{
                    put("standfirst", null);
                    put("rights", Map.of("syndicatable", false));
                }}))
                // An input lists what was given, texts cut to 100 characters and lists to 10 items.
                .body("items[2].summary.keySet()", containsInAnyOrder("headline", "standfirst", "bodyText", "tags",
                        "citedSources"))
                .body("items[2].summary.headline", equalTo("Summarised story"))
                .body("items[2].summary.bodyText", equalTo(body.substring(0, 99) + "…"))
                .body("items[2].summary.tags", equalTo(List.of("tag-1", "tag-2", "tag-3", "tag-4", "tag-5", "tag-6",
                        "tag-7", "tag-8", "tag-9", "tag-10", "… 2 more")))
                .body("items[2].summary.citedSources", equalTo(List.of(Map.of("source", cited, "role", "cited"))));
    }

    @Test
    void aRefusedWriteLeavesNoRecord() {
        String admin = Keys.issue(Roles.ADMIN);
        String editor = Keys.issue(Roles.EDITOR);
        String slug = Fixtures.unique("refused");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "", "kind", "wire-agency"))
                .when().post("/api/v1/sources").then().statusCode(400);

        given().auth().oauth2(admin).when().get("/api/v1/audit?targetType=source&targetId=" + slug)
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aFilterByAnUnknownTargetTypeIsABadRequestNotAnEmptyPage() {
        String admin = Keys.issue(Roles.ADMIN);
        given().auth().oauth2(admin).queryParam("targetType", "AAA").when().get("/api/v1/audit")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("targetType"))
                .body("errors[0].message", containsString("article, source, key, comment"));
        given().auth().oauth2(admin).queryParam("targetType", "source").when().get("/api/v1/audit")
                .then().statusCode(200);
    }

    @Test
    void theLogPagesWithACursor() {
        String admin = Keys.issue(Roles.ADMIN);
        String editor = Keys.issue(Roles.EDITOR);
        List<String> slugs = IntStream.range(0, 3).mapToObj(i -> Fixtures.unique("paged")).toList();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("slug", slugs.get(i), "name", "Paged " + i, "kind", "other"))
                    .when().post("/api/v1/sources").then().statusCode(201);
        }
        // Newest first: the last two on the first page, the first one opening the next (after it, older entries).
        String next = given().auth().oauth2(admin).when().get("/api/v1/audit?action=source.create&limit=2")
                .then().statusCode(200).body("items.target.id", contains(slugs.get(2), slugs.get(1)))
                .extract().path("next");
        given().auth().oauth2(admin).queryParam("action", "source.create").queryParam("limit", 2).queryParam("cursor", next)
                .when().get("/api/v1/audit")
                .then().statusCode(200).body("items[0].target.id", equalTo(slugs.get(0)))
                .body("items.action", everyItem(equalTo("source.create")));
        given().auth().oauth2(admin).queryParam("action", "article.create").queryParam("cursor", next)
                .when().get("/api/v1/audit")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }
}

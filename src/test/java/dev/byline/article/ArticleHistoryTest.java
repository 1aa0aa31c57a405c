package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.byline.Roles;
import dev.byline.support.As;
import dev.byline.support.Database;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** GET /articles/{idOrSlug}/revisions: every committed version, who made it, what changed, and what it said. */
@QuarkusTest
class ArticleHistoryTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private static final String HEADLINE = "Grain shipments resume after talks";
    private static final String UPDATED_HEADLINE = "Grain ships leave port after deal";
    private static final String BODY_TEXT = "Cargo ships carrying grain left port on Thursday.";
    private static final String UPDATED_BODY_TEXT = "Cargo ships carrying grain left Odesa on Thursday.";
    private static final String STANDFIRST = "Ships left port under an arrangement reported by several outlets.";
    private static final String CORRECTION = "An earlier version misnamed the port.";

    @Inject
    DataSource dataSource;

    /** An article taken through create, two edits, publication and a correction: versions 0 to 4, each response kept. */
    private record Story(String id, List<JsonPath> versions) {
    }

    private static Story story() {
        List<JsonPath> versions = new ArrayList<>();
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON)
                .body(Map.of("headline", HEADLINE, "bodyText", BODY_TEXT, "tags", List.of("grain")))
                .when().post(ARTICLES).then().statusCode(201).extract();
        String id = created.path("id");
        versions.add(created.jsonPath());
        versions.add(given().contentType(MERGE_PATCH).header("If-Match", created.header("ETag"))
                .body(Map.of("headline", UPDATED_HEADLINE)).when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).extract().jsonPath());
        versions.add(given().contentType(MERGE_PATCH).header("If-Match", etagOf(id))
                .body(Map.of("bodyText", UPDATED_BODY_TEXT, "standfirst", STANDFIRST)).when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).extract().jsonPath());
        versions.add(given().when().post(ARTICLES + "/" + id + "/publish").then().statusCode(200).extract().jsonPath());
        versions.add(given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(ARTICLES + "/" + id + "/corrections").then().statusCode(201).extract().jsonPath());
        return new Story(id, versions);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void everyVersionIsListedWithWhatChangedAndReadsBackAsItWasWritten() {
        Story story = story();
        long correctionId = story.versions().get(4).getLong("corrections[0].id");

        given().when().get(ARTICLES + "/" + story.id() + "/revisions")
                .then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-store"))
                .body("items.version", contains(4, 3, 2, 1, 0))
                .body("items[0].changed", contains("corrections"))
                .body("items[0].correction.id", equalTo((int) correctionId))
                .body("items[0].correction.text", equalTo(CORRECTION))
                .body("items[1].changed", contains("publishedAt", "status"))
                .body("items[1].correction", nullValue())
                .body("items[2].changed", contains("bodyHtml", "bodyText", "standfirst"))
                .body("items[3].changed", contains("headline"))
                .body("items[4].changed", hasItems("bodyHtml", "bodyText", "headline", "slug", "status", "tags"))
                .body("items[4].changed", everyItem(not(oneOf("standfirst", "withdrawal", "rights", "corrections"))))
                .body("items.by.role", contains("editor", "editor", "editor", "editor", "editor"))
                .body("items[0].by.name", equalTo("editor"))
                .body("items[0].at", notNullValue())
                .body("next", nullValue());

        for (int version = 0; version <= 4; version++) {
            JsonPath written = story.versions().get(version);
            JsonPath read = given().when().get(ARTICLES + "/" + story.id() + "/revisions/" + version)
                    .then().statusCode(200).body("articleId", equalTo(story.id())).body("version", equalTo(version))
                    .extract().jsonPath();
            for (String field : List.of("slug", "headline", "standfirst", "bodyHtml", "bodyText", "tags", "language",
                    "status", "publishedAt", "attribution", "rights", "commentsOpen", "wordCount", "corrections",
                    "citedSources", "withdrawal")) {
                assertEquals((Object) written.get(field), read.get("article." + field),
                        "version " + version + ": " + field);
            }
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void thePublicSeesOnlyTheVersionsThatWerePublicAndOnlyTheRoleThatMadeThem() {
        Story story = story();
        String draft = Fixtures.draft(Map.of("headline", "Not yet"));

        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + story.id() + "/revisions")
                    .then().statusCode(200)
                    .header("Cache-Control", startsWith("public"))
                    .header("ETag", notNullValue())
                    .body("items.version", contains(4, 3))
                    .body("items[0].by", equalTo(Map.of("role", "editor")))
                    .body("items[0].by", not(hasKey("name")));
            given().when().get(ARTICLES + "/" + story.id() + "/revisions/2").then().statusCode(404)
                    .contentType("application/problem+json");
            String etag = given().when().get(ARTICLES + "/" + story.id() + "/revisions/3")
                    .then().statusCode(200).header("Cache-Control", startsWith("public"))
                    .body("article.headline", equalTo(UPDATED_HEADLINE)).body("by.role", equalTo("editor"))
                    .extract().header("ETag");
            given().header("If-None-Match", etag).when().get(ARTICLES + "/" + story.id() + "/revisions/3")
                    .then().statusCode(304);
            given().when().get(ARTICLES + "/" + draft + "/revisions").then().statusCode(404);
            given().when().get(ARTICLES + "/" + draft + "/revisions/0").then().statusCode(404);
            given().when().get(ARTICLES + "/" + story.id() + "/revisions/first").then().statusCode(404);
        });

        given().contentType(ContentType.JSON).body(Map.of("reason", "Withdrawn for legal reasons."))
                .post(ARTICLES + "/" + story.id() + "/withdraw").then().statusCode(200);
        As.anonymous(() -> given().when().get(ARTICLES + "/" + story.id() + "/revisions").then().statusCode(410));
        given().when().get(ARTICLES + "/" + story.id() + "/revisions").then().statusCode(200)
                .body("items[0].changed", contains("status", "withdrawal"));
    }

    @Test
    void editorsSeeTheKeyThatMadeEachVersionAndAWriteWithoutOneIsTheSystems() {
        String key = Keys.issue(Roles.EDITOR);
        String id = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("headline", HEADLINE)).when().post(ARTICLES).then().statusCode(201).extract().path("id");
        assertEquals(1, Database.execute(dataSource,
                "update article set headline = 'Changed by hand', version = version + 1 where id = ?", UUID.fromString(id)));

        given().header("Authorization", "Bearer " + key).when().get(ARTICLES + "/" + id + "/revisions")
                .then().statusCode(200)
                .body("items.version", contains(1, 0))
                .body("items[0].by", equalTo(Map.of("role", "system")))
                .body("items[0].changed", contains("headline"))
                .body("items[1].by.role", equalTo("editor"))
                .body("items[1].by.keyId", notNullValue())
                .body("items[1].by.name", startsWith("test key"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void pagesFollowTheLinkHeaderNewestFirst() {
        Story story = story();
        List<Integer> versions = new ArrayList<>();
        String url = ARTICLES + "/" + story.id() + "/revisions?limit=2";
        int pages = 0;
        while (url != null) {
            ExtractableResponse<Response> page = given().when().get(url).then().statusCode(200).extract();
            versions.addAll(page.path("items.version"));
            pages++;
            String link = page.header("Link");
            Matcher next = link == null ? null : NEXT_LINK.matcher(link);
            url = next != null && next.find() ? next.group(1) : null;
            assertEquals(url == null, page.path("next") == null);
        }
        assertEquals(List.of(4, 3, 2, 1, 0), versions);
        assertEquals(3, pages);
        given().queryParam("cursor", "tampered.cursor").when().get(ARTICLES + "/" + story.id() + "/revisions")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aDeletedArticleKeepsNoContentOnlyWhenWhoAndWhat() {
        Story story = story();
        String draft = Fixtures.draft(Map.of("headline", "Never published"));
        given().header("If-Match", etagOf(story.id())).when().delete(ARTICLES + "/" + story.id()).then().statusCode(204);
        given().header("If-Match", etagOf(draft)).when().delete(ARTICLES + "/" + draft).then().statusCode(204);

        JsonPath history = given().when().get(ARTICLES + "/" + story.id() + "/revisions")
                .then().statusCode(200).body("items.version", contains(4, 3, 2, 1, 0))
                .body("items[3].changed", contains("headline"))
                .extract().jsonPath();
        assertNull(history.get("items[0].correction"), "a correction's text is content");
        given().when().get(ARTICLES + "/" + story.id() + "/revisions/4").then().statusCode(410)
                .contentType("application/problem+json");
        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + story.id() + "/revisions").then().statusCode(410);
            given().when().get(ARTICLES + "/" + draft + "/revisions").then().statusCode(404);
        });
        assertEquals(0L, Database.number(dataSource,
                "select count(*) from article_revision where article_id = ? and content is not null",
                UUID.fromString(story.id())));
    }

    private static String etagOf(String id) {
        return given().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag");
    }
}

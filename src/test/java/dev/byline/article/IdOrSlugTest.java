package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.support.As;
import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every operation that takes an article's {@code idOrSlug} resolves it by the one rule of {@link IdOrSlug}: by id, by
 * current slug, by former slug (moved), unknown, a UUID that is no article's id, and the id and slug of a deleted
 * article. Each row is what one operation answers to each way of naming; the rule itself is that all rows agree on
 * which article is named, and differ only where the operation says so (a 301 for the JSON, 400 for a field).
 */
@QuarkusTest
@TestSecurity(user = "newsroom", roles = {"editor", "moderator"})
class IdOrSlugTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final List<String> NAMINGS = List.of("id", "slug", "old slug", "unknown", "uuid", "deleted id",
            "deleted slug");

    @Test
    void everyOperationResolvesTheSameNamesToTheSameArticle() {
        String oldSlug = Fixtures.unique("named-before");
        String id = Fixtures.published(Map.of("headline", "Named every way", "slug", oldSlug));
        String slug = Fixtures.unique("named-now");
        given().contentType("application/merge-patch+json").header("If-Match", etagOf(id)).body(Map.of("slug", slug))
                .when().patch(ARTICLES + "/" + id).then().statusCode(200);
        String deletedSlug = Fixtures.unique("named-deleted");
        String deletedId = Fixtures.published(Map.of("headline", "Deleted after publication", "slug", deletedSlug));
        given().header("If-Match", etagOf(deletedId)).when().delete(ARTICLES + "/" + deletedId).then().statusCode(204);
        Map<String, String> names = new LinkedHashMap<>();
        names.put("id", id);
        names.put("slug", slug);
        names.put("old slug", oldSlug);
        names.put("unknown", Fixtures.unique("never-an-article"));
        names.put("uuid", UUID.randomUUID().toString());
        names.put("deleted id", deletedId);
        names.put("deleted slug", deletedSlug);
        String[] languages = {"fr", "de", "es", "it", "pt", "nl", "sv"};
        int[] translations = {0};

        Map<String, Function<String, Integer>> operations = new LinkedHashMap<>();
        operations.put("GET article (public)", name -> publicRead(name, slug));
        operations.put("GET article again (memory)", name -> publicRead(name, slug));
        operations.put("GET article (editor)", name -> given().redirects().follow(false)
                .get(ARTICLES + "/" + name).then().extract().statusCode());
        operations.put("GET ninjs (editor)", name -> given().get(ARTICLES + "/" + name + "/ninjs")
                .then().extract().statusCode());
        operations.put("GET comments (public)", name -> anonymous(() -> given().get(ARTICLES + "/" + name + "/comments")
                .then().extract().statusCode()));
        operations.put("GET revisions (public)", name -> anonymous(() -> given()
                .get(ARTICLES + "/" + name + "/revisions").then().extract().statusCode()));
        operations.put("POST correction", name -> given().contentType(ContentType.JSON)
                .body(Map.of("text", "A corrected detail.")).post(ARTICLES + "/" + name + "/corrections")
                .then().extract().statusCode());
        operations.put("PUT comment settings", name -> given().contentType(ContentType.JSON)
                .body(Map.of("commentsOpen", true)).put("/api/v1/moderation/articles/" + name)
                .then().extract().statusCode());
        operations.put("GET moderation queue ?article=", name -> given().queryParam("article", name)
                .get("/api/v1/moderation/comments").then().extract().statusCode());
        operations.put("POST article translationOf=", name -> given().contentType(ContentType.JSON)
                .body(Map.of("headline", "Translated", "translationOf", name,
                        "language", languages[translations[0]++]))
                .post(ARTICLES).then().extract().statusCode());

        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        //                                                 id   slug old  unknown uuid del-id del-slug
        expected.put("GET article (public)", List.of(200, 200, 301, 404, 404, 410, 410));
        expected.put("GET article again (memory)", List.of(200, 200, 301, 404, 404, 410, 410));
        expected.put("GET article (editor)", List.of(200, 200, 301, 404, 404, 410, 410));
        expected.put("GET ninjs (editor)", List.of(200, 200, 200, 404, 404, 200, 200)); // deleted: pubStatus canceled
        expected.put("GET comments (public)", List.of(200, 200, 200, 404, 404, 410, 410));
        expected.put("GET revisions (public)", List.of(200, 200, 200, 404, 404, 410, 410));
        expected.put("POST correction", List.of(201, 201, 201, 404, 404, 410, 410));
        expected.put("PUT comment settings", List.of(200, 200, 200, 404, 404, 404, 404));
        expected.put("GET moderation queue ?article=", List.of(200, 200, 200, 400, 400, 400, 400));
        expected.put("POST article translationOf=", List.of(201, 201, 201, 400, 400, 400, 400));

        Map<String, List<Integer>> answered = new LinkedHashMap<>();
        operations.forEach((operation, call) -> answered.put(operation,
                NAMINGS.stream().map(naming -> call.apply(names.get(naming))).toList()));
        assertEquals(table(expected), table(answered));
    }

    @Test
    void noSlugMayHaveTheFormOfAUuidWhichWouldNameAnArticleById() {
        String uuidLike = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body(Map.of("headline", "Slug like an id", "slug", uuidLike))
                .when().post(ARTICLES)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("slug"));
        String id = Fixtures.draft(Map.of("headline", "Renamed like an id"));
        given().contentType("application/merge-patch+json").header("If-Match", etagOf(id))
                .body(Map.of("slug", uuidLike))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("slug"));

        given().get(ARTICLES + "/" + uuidLike).then().statusCode(404);
        given().get(ARTICLES + "/" + id).then().statusCode(200).body("slug", equalTo("renamed-like-an-id"));
    }

    /** The public's GET, checking that a moved slug points at the current one. */
    private static int publicRead(String name, String current) {
        return anonymous(() -> {
            var response = given().redirects().follow(false).get(ARTICLES + "/" + name).then();
            int status = response.extract().statusCode();
            if (status == 301) {
                response.header("Location", endsWith(ARTICLES + "/" + current));
            }
            return status;
        });
    }

    private static int anonymous(java.util.function.IntSupplier request) {
        int[] status = new int[1];
        As.anonymous(() -> status[0] = request.getAsInt());
        return status[0];
    }

    private static String etagOf(String id) {
        return given().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    /** One line per operation, so that a failure shows every answer side by side. */
    private static String table(Map<String, List<Integer>> rows) {
        StringBuilder text = new StringBuilder("operation: " + NAMINGS + "\n");
        rows.forEach((operation, statuses) -> text.append(operation).append(": ").append(statuses).append('\n'));
        return text.toString();
    }
}

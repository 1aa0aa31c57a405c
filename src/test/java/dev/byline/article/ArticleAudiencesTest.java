package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every step of an article's life (draft, schedule, embargo, publication, expiry, withdrawal, deletion) and what the
 * public, a partner and an editor then get from each way of reading it: the article, its ninjs, its comments and its
 * section's list. One table, so that a change to who may see what shows as one changed cell.
 */
@QuarkusTest
class ArticleAudiencesTest {

    private static String editor;
    private static String partner;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void keys() {
        editor = Keys.issue(Roles.EDITOR);
        partner = Keys.issue(Roles.PARTNER);
    }

    /**
     * What each audience gets, as {@code public | partner | editor}: the article's status code, then for the public
     * and partners the ninjs status (with its pubStatus when it is a document), the comment thread's status code, and
     * whether the section's list shows the article ({@code listed} or {@code -}).
     */
    private static final Map<String, String> EXPECTED = expected();

    /*
     * The comment thread answers as its article does for the public (one access rule, ArticleAccess, for both); threads
     * are the public's, so a partner reading an embargoed article does not see its thread yet.
     */
    private static Map<String, String> expected() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("draft", "404 404/- 404 - | 404 404/- 404 - | 200");
        rows.put("scheduled", "404 404/- 404 - | 404 404/- 404 - | 200");
        // Partners read the article under embargo, but not yet its thread; lists are of published articles.
        rows.put("embargoed", "404 404/- 404 - | 200 200/usable 404 - | 200");
        rows.put("published", "200 200/usable 200 listed | 200 200/usable 200 listed | 200");
        rows.put("expired", "410 200/withheld 410 - | 410 200/withheld 410 - | 200");
        rows.put("withdrawn", "410 200/withheld 410 - | 410 200/withheld 410 - | 200");
        // Nobody outside the newsroom saw it, so it stays unknown, thread included.
        rows.put("withdrawn before its time", "404 404/- 404 - | 404 404/- 404 - | 200");
        rows.put("deleted", "410 200/canceled 410 - | 410 200/canceled 410 - | 410");
        rows.put("deleted as a draft", "404 404/- 404 - | 404 404/- 404 - | 410");
        return rows;
    }

    @Test
    void whatEachAudienceSeesAtEachStepOfAnArticlesLife() {
        Map<String, Function<String, String>> steps = new LinkedHashMap<>();
        steps.put("draft", this::draft);
        steps.put("scheduled", section -> publish(draft(section), Map.of("publishAt", inHours(1))));
        steps.put("embargoed", section -> publish(draft(section), Map.of("embargoedUntil", inHours(2))));
        steps.put("published", section -> publish(draft(section), Map.of()));
        steps.put("expired", section -> expire(publish(draft(section, Map.of("expiresAt", inHours(1))), Map.of())));
        steps.put("withdrawn", section -> withdraw(publish(draft(section), Map.of())));
        steps.put("withdrawn before its time", section -> withdraw(publish(draft(section), Map.of("publishAt", inHours(1)))));
        steps.put("deleted", section -> delete(publish(draft(section), Map.of())));
        steps.put("deleted as a draft", section -> delete(draft(section)));

        Map<String, String> seen = new LinkedHashMap<>();
        steps.forEach((step, make) -> {
            String section = Fixtures.unique("life");
            String id = make.apply(section);
            seen.put(step, read(null, id, section) + " | " + read(partner, id, section) + " | "
                    + as(editor).get("/api/v1/articles/" + id).statusCode());
        });
        assertEquals(EXPECTED, seen);
    }

    /** What the caller with {@code key} (none: the public) gets from each way of reading the article. */
    private static String read(String key, String id, String section) {
        int article = as(key).get("/api/v1/articles/" + id).statusCode();
        Response ninjs = as(key).get("/api/v1/articles/" + id + "/ninjs");
        String pubStatus = ninjs.statusCode() == 200 ? ninjs.path("pubStatus") : "-";
        int comments = as(key).get("/api/v1/articles/" + id + "/comments").statusCode();
        List<String> listed = as(key).queryParam("section", section).get("/api/v1/articles")
                .then().statusCode(200).extract().path("items.id");
        return article + " " + ninjs.statusCode() + "/" + pubStatus + " " + comments + " "
                + (listed.equals(List.of(id)) ? "listed" : listed.isEmpty() ? "-" : listed.toString());
    }

    private static RequestSpecification as(String key) {
        return key == null ? given() : given().header("Authorization", "Bearer " + key);
    }

    private static String inHours(int hours) {
        return Instant.now().plus(hours, ChronoUnit.HOURS).toString();
    }

    private String draft(String section) {
        return draft(section, Map.of());
    }

    private String draft(String section, Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("headline", "A life in nine steps", "section", section,
                "bodyText", "It happened."));
        fields.putAll(extra);
        return as(editor).contentType(ContentType.JSON).body(fields)
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
    }

    private String publish(String id, Map<String, Object> request) {
        as(editor).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        return id;
    }

    private String withdraw(String id) {
        as(editor).contentType(ContentType.JSON).body(Map.of("reason", "Legal advice."))
                .when().post("/api/v1/articles/" + id + "/withdraw").then().statusCode(200);
        return id;
    }

    private String delete(String id) {
        String etag = as(editor).get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        as(editor).header("If-Match", etag).when().delete("/api/v1/articles/" + id).then().statusCode(204);
        return id;
    }

    /**
     * Its expiry passes after an hour in public: both times moved back in the database, before anybody has read it,
     * instead of waiting.
     */
    private String expire(String id) {
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, entityManager.createNativeQuery(
                "update article set published_at = now() - interval '1 hour', expires_at = now() - interval '1 second'"
                        + " where id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate()));
        return id;
    }
}

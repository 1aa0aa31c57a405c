package dev.byline.comment;

import static dev.byline.comment.CommentFixtures.article;
import static dev.byline.comment.CommentFixtures.comment;
import static dev.byline.comment.CommentFixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.Roles;
import dev.byline.support.Keys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue, decisions and their audit trail, per-article settings, and counts that always match the rows. */
@QuarkusTest
class ModerationResourceTest {

    private static final String EMAIL = "max.private@example.org";

    private static String editor;
    private static String moderator;
    private static String admin;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void keys() {
        editor = Keys.issue(Roles.EDITOR);
        moderator = Keys.issue(Roles.MODERATOR);
        admin = Keys.issue(Roles.ADMIN);
    }

    private static void settings(String article, boolean open, String moderation) {
        Map<String, Object> body = new HashMap<>();
        body.put("commentsOpen", open);
        body.put("moderation", moderation);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/moderation/articles/" + article).then().statusCode(200)
                .body("id", equalTo(article)).body("commentsOpen", equalTo(open));
    }

    private static void decide(String id, String action, String reason) {
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("action", action, "reason", reason))
                .when().post("/api/v1/comments/" + id + "/moderation").then().statusCode(200)
                .body("status", equalTo(action.equals("approve") ? "approved" : action.equals("reject") ? "rejected" : "spam"));
    }

    @Test
    void underPreModerationCommentsWaitInTheQueueUntilApproved() {
        String article = article(editor);
        settings(article, true, "pre");
        var posted = post(article, Map.of("authorName", "Max", "authorEmail", EMAIL)).statusCode(201)
                .body("status", equalTo("pending")).extract();
        String id = posted.path("id");
        given().when().get("/api/v1/articles/" + article + "/comments").then().body("items", hasSize(0));

        given().auth().oauth2(moderator).queryParam("article", article)
                .when().get("/api/v1/moderation/comments").then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].articleId", equalTo(article))
                .body("items[0].authorEmail", equalTo(EMAIL))
                .body("items[0].heldFor", equalTo("pre-moderation"))
                .body("items[0].status", equalTo("pending"));

        decide(id, "approve", "Fine.");
        decide(id, "approve", "Fine.");
        given().when().get("/api/v1/articles/" + article + "/comments").then().body("items[0].id", equalTo(id));
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(1));
        given().auth().oauth2(moderator).queryParam("article", article)
                .when().get("/api/v1/moderation/comments").then().body("items", hasSize(0));

        // Acting twice did nothing the second time: one audit record.
        given().auth().oauth2(admin).queryParam("targetType", "comment").queryParam("targetId", id)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("comment.moderate"));
    }

    @Test
    void theReasonForARejectionIsShownToTheAuthorOnly() {
        String article = article(editor);
        var posted = post(article, Map.of()).statusCode(201).extract();
        String id = posted.path("id");
        String reply = comment(article, id);
        decide(id, "reject", "Advertising is not allowed.");

        given().header("X-Comment-Token", (String) posted.path("editToken"))
                .when().get("/api/v1/comments/" + id).then().statusCode(200)
                .body("status", equalTo("rejected"))
                .body("moderationReason", equalTo("Advertising is not allowed."));
        // The public sees a placeholder that keeps the reply in its place, without the reason.
        given().when().get("/api/v1/comments/" + id).then().statusCode(200)
                .body("status", equalTo("removed"))
                .body("authorName", nullValue())
                .body("moderationReason", nullValue());
        given().when().get("/api/v1/articles/" + article + "/comments").then()
                .body("items[0].replies[0].id", equalTo(reply));
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(1));
        given().auth().oauth2(moderator).queryParam("status", "rejected").queryParam("article", article)
                .when().get("/api/v1/moderation/comments").then()
                .body("items[0].moderationReason", equalTo("Advertising is not allowed."))
                .body("items[0].moderatedAt", notNullValue());
    }

    @Test
    void invalidDecisionsAreRefused() {
        String article = article(editor);
        var posted = post(article, Map.of()).statusCode(201).extract();
        String id = posted.path("id");
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("action", "ban"))
                .when().post("/api/v1/comments/" + id + "/moderation").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .when().post("/api/v1/comments/" + UUID.randomUUID() + "/moderation").then().statusCode(404);
        given().header("X-Comment-Token", (String) posted.path("editToken")).when().delete("/api/v1/comments/" + id)
                .then().statusCode(204);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .when().post("/api/v1/comments/" + id + "/moderation").then().statusCode(409);
        given().auth().oauth2(moderator).queryParam("status", "deleted").when().get("/api/v1/moderation/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(moderator).queryParam("cursor", "forged.cursor").when().get("/api/v1/moderation/comments")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("commentsOpen", true, "moderation", "later"))
                .when().put("/api/v1/moderation/articles/" + article).then().statusCode(400);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("commentsOpen", true))
                .when().put("/api/v1/moderation/articles/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theQueuePagesOldestFirstWithACursor() {
        String article = article(editor);
        settings(article, true, "pre");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(article, Map.of()).statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(moderator).queryParam("article", article).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/moderation/comments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(posted, seen);
    }

    @Test
    void theCommentCountEqualsTheApprovedRowsAfterAnyMixOfChanges() {
        String article = article(editor);
        Random random = new Random(20261128);
        List<String> ids = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        for (int step = 0; step < 80; step++) {
            int move = random.nextInt(10);
            if (move < 4 || ids.isEmpty()) {
                if (move == 0) {
                    settings(article, true, random.nextBoolean() ? "pre" : "post");
                }
                String parent = ids.isEmpty() || random.nextBoolean() ? null : ids.get(random.nextInt(ids.size()));
                Map<String, Object> fields = parent == null ? Map.of() : Map.of("parentId", parent);
                var response = post(article, fields).extract();
                if (response.statusCode() == 201) {
                    ids.add(response.path("id"));
                    tokens.put(response.path("id"), response.path("editToken"));
                }
            } else if (move < 8) {
                String id = ids.get(random.nextInt(ids.size()));
                String action = List.of("approve", "approve", "reject", "spam").get(random.nextInt(4));
                given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("action", action))
                        .when().post("/api/v1/comments/" + id + "/moderation");
            } else {
                String id = ids.get(random.nextInt(ids.size()));
                given().header("X-Comment-Token", tokens.get(id)).when().delete("/api/v1/comments/" + id)
                        .then().statusCode(204);
            }
        }
        long approved = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from comment where article_id = ?1 and status = 'approved'")
                .setParameter(1, UUID.fromString(article)).getSingleResult()).longValue());
        int shown = given().when().get("/api/v1/articles/" + article).then().statusCode(200)
                .extract().path("commentCount");
        assertEquals(approved, shown);
        // Every reply count is the number of approved comments below it.
        long wrongReplyCounts = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from comment c where c.article_id = ?1 and c.reply_count <>"
                        + " (select count(*) from comment d where d.root_id = c.root_id and d.status = 'approved'"
                        + " and d.id <> c.id and c.id = any(d.path))")
                .setParameter(1, UUID.fromString(article)).getSingleResult()).longValue());
        assertEquals(0, wrongReplyCounts);
    }
}

package dev.byline.comment;

import static dev.byline.comment.CommentFixtures.article;
import static dev.byline.comment.CommentFixtures.comment;
import static dev.byline.comment.CommentFixtures.freshBody;
import static dev.byline.comment.CommentFixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.Roles;
import dev.byline.support.Keys;
import dev.byline.support.SqlStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading and posting threads: shape, paging, nesting, placeholders, normalisation, anti-abuse, the author's token. */
@QuarkusTest
class CommentResourceTest {

    private static final String NAME = "Ayesha";
    private static final String EMAIL = "ayesha.private@example.org";

    private static String editor;
    private static String moderator;

    @Inject
    EntityManager entityManager;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @BeforeAll
    static void keys() {
        editor = Keys.issue(Roles.EDITOR);
        moderator = Keys.issue(Roles.MODERATOR);
    }

    @Test
    void postingAnswers201WithTheCommentAndAnEditTokenShownOnce() {
        String article = article(editor);
        String body = freshBody();
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("authorName", NAME, "authorEmail", EMAIL, "body", body))
                .when().post("/api/v1/articles/" + article + "/comments")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/comments/"))
                .header("Cache-Control", "private, no-store")
                .header("RateLimit-Policy", startsWith("\"comments\";q="))
                .header("RateLimit", startsWith("\"comments\";r="))
                .body("parentId", nullValue())
                .body("depth", equalTo(0))
                .body("authorName", equalTo(NAME))
                .body("bodyText", equalTo(body))
                .body("bodyHtml", equalTo("<p>" + body + "</p>"))
                .body("status", equalTo("approved"))
                .body("replyCount", equalTo(0))
                .body("editToken", startsWith("bct_"))
                .body("authorEmail", nullValue())
                .extract();
        String id = response.path("id");
        assertTrue(response.header("Location").endsWith("/api/v1/comments/" + id));

        // The token is never shown again, and no e-mail or address leaks into public reads.
        String thread = given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", startsWith("public"))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].editToken", nullValue())
                .body("next", nullValue())
                .extract().asString();
        String single = given().when().get("/api/v1/comments/" + id).then().statusCode(200).extract().asString();
        for (String json : List.of(thread, single)) {
            assertFalse(json.contains(EMAIL), json);
            assertFalse(json.contains("127.0.0.1"), json);
            assertFalse(json.contains("editToken"), json);
        }
        given().when().get("/api/v1/articles/" + article).then().statusCode(200).body("commentCount", equalTo(1));
    }

    @Test
    void aThreadPageShowsTheFirstRepliesOfEachCommentInThreadOrderWithACursorForTheRest() {
        String article = article(editor);
        String root = comment(article, null);
        String a = comment(article, root);
        String a1 = comment(article, a);
        String b = comment(article, root);
        String a2 = comment(article, a);
        String c = comment(article, root);
        String other = comment(article, null);
        // Thread order is depth first: a, a1, a2 (a's subtree), then b, then c.
        List<String> threadOrder = List.of(a, a1, a2, b, c);

        JsonPath page = given().queryParam("replies", 2)
                .when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(root))
                .body("items[0].replyCount", equalTo(5))
                .body("items[0].replies.id", equalTo(threadOrder.subList(0, 2)))
                .body("items[0].replies[1].parentId", equalTo(a))
                .body("items[0].replies[1].depth", equalTo(2))
                .body("items[0].repliesNext", notNullValue())
                .body("items[1].id", equalTo(other))
                .body("items[1].replies", empty())
                .body("items[1].repliesNext", nullValue())
                .extract().jsonPath();

        List<String> seen = new ArrayList<>(page.getList("items[0].replies.id"));
        String cursor = page.getString("items[0].repliesNext");
        while (cursor != null) {
            JsonPath more = given().queryParam("limit", 2).queryParam("cursor", cursor)
                    .when().get("/api/v1/comments/" + root + "/replies")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(more.getList("items.id"));
            cursor = more.getString("next");
        }
        assertEquals(threadOrder, seen);

        // The replies of a comment further down are its own subtree only.
        given().when().get("/api/v1/comments/" + a + "/replies")
                .then().statusCode(200).body("items.id", equalTo(List.of(a1, a2))).body("next", nullValue());
        given().queryParam("replies", 11).when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("replies"));
    }

    @Test
    void aThreadPageCostsAtMostTwoStatementsWhateverItsSize() {
        String article = article(editor);
        for (int i = 0; i < 12; i++) {
            String root = comment(article, null);
            String reply = comment(article, root);
            comment(article, reply);
            comment(article, root);
        }
        String next = given().queryParam("limit", 5).when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(200).extract().path("next");
        String root = given().when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(200).extract().path("items[0].id");
        // The notices of the 48 posts arrive a few milliseconds after each commit; one arriving while a page is
        // counted costs that page a statement of the cache's, not of the page. Count once they have all arrived:
        // when a page asked again comes from memory.
        Instant deadline = Instant.now().plusSeconds(5);
        while (SqlStatements.during(entityManagerFactory, () -> given().when()
                .get("/api/v1/articles/" + article + "/comments").then().statusCode(200)) > 0) {
            assertTrue(Instant.now().isBefore(deadline), "a repeated page never came from memory");
        }

        long first = SqlStatements.during(entityManagerFactory, () -> given().queryParam("limit", 100).queryParam("replies", 10)
                .when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200).body("items", hasSize(12)));
        long deeper = SqlStatements.during(entityManagerFactory, () -> given().queryParam("limit", 5).queryParam("cursor", next)
                .when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200));
        long replies = SqlStatements.during(entityManagerFactory, () -> given()
                .when().get("/api/v1/comments/" + root + "/replies").then().statusCode(200).body("items", hasSize(3)));
        assertTrue(first <= 2, "first page: " + first + " statements");
        assertTrue(deeper <= 2, "cursor page: " + deeper + " statements");
        assertTrue(replies <= 2, "replies: " + replies + " statements");
    }

    @Test
    void repliesBelowTheMaximumDepthAttachToTheirParent() {
        String article = article(editor);
        String parent = comment(article, null);
        List<String> chain = new ArrayList<>(List.of(parent));
        for (int depth = 1; depth <= 6; depth++) {
            parent = comment(article, parent);
            chain.add(parent);
        }
        given().when().get("/api/v1/comments/" + parent).then().statusCode(200).body("depth", equalTo(6));

        post(article, Map.of("parentId", parent)).statusCode(201)
                .body("depth", equalTo(6))
                .body("parentId", equalTo(chain.get(5)));
    }

    @Test
    void aDeletedCommentWithRepliesStaysAsAPlaceholderAndOneWithoutDisappears() {
        String article = article(editor);
        var posted = post(article, Map.of("authorEmail", EMAIL)).statusCode(201).extract();
        String root = posted.path("id");
        String token = posted.path("editToken");
        String reply = comment(article, root);
        var lonely = post(article, Map.of()).statusCode(201).extract();
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(3));

        given().header("X-Comment-Token", token).when().delete("/api/v1/comments/" + root).then().statusCode(204);
        given().header("X-Comment-Token", token).when().delete("/api/v1/comments/" + root).then().statusCode(204);
        given().header("X-Comment-Token", (String) lonely.path("editToken"))
                .when().delete("/api/v1/comments/" + lonely.path("id")).then().statusCode(204);

        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(root))
                .body("items[0].status", equalTo("deleted"))
                .body("items[0].authorName", nullValue())
                .body("items[0].bodyText", equalTo("[deleted]"))
                .body("items[0].replyCount", equalTo(1))
                .body("items[0].replies[0].id", equalTo(reply));
        given().when().get("/api/v1/comments/" + lonely.path("id")).then().statusCode(404);
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(1));
        // The author's content is erased, not hidden.
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                .createNativeQuery("select author_name, author_email, body_text from comment where id = ?1")
                .setParameter(1, UUID.fromString(root)).getSingleResult());
        assertEquals("", stored[0]);
        assertEquals(null, stored[1]);
        assertEquals("", stored[2]);
    }

    @Test
    void textIsNormalisedBeforeChecksAndStorage() {
        String article = article(editor);
        String token = UUID.randomUUID().toString().substring(0, 8);
        // "Cafe" with a combining accent, a zero-width space inside a word and a right-to-left override.
        post(article, Map.of("authorName", "  Jose\u0301\u200B  ", "body", "Cafe\u0301 " + token + " wo\u200Brd \u202Eevil\u202C"))
                .statusCode(201)
                .body("authorName", equalTo("José"))
                .body("bodyText", equalTo("Café " + token + " word evil"))
                .body("status", equalTo("approved"));
        // A banned word hidden with a zero-width space is still found: the comment is held.
        post(article, Map.of("body", "What an idi\u200Botic " + token + " plan"))
                .statusCode(201).body("status", equalTo("pending"));
        post(article, Map.of("body", "\u200B\u200D\u2060 \n\n ")).statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void scriptInNamesAndBodiesComesOutEscaped() {
        String article = article(editor);
        String name = "<script>alert('name')</script>";
        String body = "<img src=x onerror=alert(1)> & \"quotes\"\n\nsee https://example.org/?a=1&b=<b>";
        String json = post(article, Map.of("authorName", name, "body", body)).statusCode(201)
                .body("authorName", equalTo(name))
                .body("bodyText", equalTo(body))
                .body("bodyHtml", equalTo("<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>"
                        + "<p>see <a href=\"https://example.org/?a=1&amp;b=\" rel=\"nofollow ugc noopener\">"
                        + "https://example.org/?a=1&amp;b=</a>&lt;b&gt;</p>"))
                .extract().asString();
        String thread = given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200)
                .body("items[0].authorName", equalTo(name)).extract().asString();
        for (String raw : List.of(json, thread)) {
            assertFalse(raw.contains("<script"), raw);
            assertFalse(raw.contains("<img"), raw);
        }
    }

    @Test
    void aForgedStatusPathOrDepthIsIgnoredButOtherUnknownFieldsAreRefused() {
        String article = article(editor);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("commentsOpen", true, "moderation", "pre"))
                .when().put("/api/v1/moderation/articles/" + article).then().statusCode(200);
        String other = comment(article(editor), null);
        String id = post(article, Map.of("status", "approved", "depth", 4, "path", List.of(other)))
                .statusCode(201)
                .body("status", equalTo("pending"))
                .body("depth", equalTo(0))
                .body("parentId", nullValue())
                .extract().path("id");
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                .createNativeQuery("select status, depth, cast(path as text) from comment where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
        assertEquals("pending", stored[0]);
        assertEquals(0, ((Number) stored[1]).intValue());
        assertEquals("{" + id + "}", stored[2]);

        post(article, Map.of("score", 10)).statusCode(400).body("errors[0].field", equalTo("score"));
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(0));
    }

    @Test
    void invalidCommentsAreRefusedSayingWhyAndNothingIsStored() {
        String article = article(editor);
        String elsewhere = comment(article(editor), null);
        post(article, Map.of("body", "")).statusCode(400).body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("body"));
        post(article, Map.of("body", "x".repeat(5001))).statusCode(400).body("errors[0].message", containsString("5000"));
        post(article, Map.of("authorName", " ")).statusCode(400).body("errors[0].field", equalTo("authorName"));
        post(article, Map.of("authorEmail", "not-an-address")).statusCode(400).body("errors[0].field", equalTo("authorEmail"));
        post(article, Map.of("parentId", UUID.randomUUID().toString())).statusCode(400)
                .body("errors[0].field", equalTo("parentId"));
        post(article, Map.of("parentId", "nope")).statusCode(400).body("errors[0].field", equalTo("parentId"));
        post(article, Map.of("parentId", elsewhere)).statusCode(400)
                .body("errors[0].message", containsString("another article"));
        given().contentType(ContentType.JSON).body("{\"authorName\":\"A\",\"body\":\"bell \\u0007 here\"}")
                .when().post("/api/v1/articles/" + article + "/comments").then().statusCode(400);
        post(UUID.randomUUID().toString(), Map.of()).statusCode(404);

        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(200).body("items", empty());
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(0));
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from comment where article_id = ?1")
                .setParameter(1, UUID.fromString(article)).getSingleResult()).longValue());
        assertEquals(0, rows);
    }

    @Test
    void aDuplicateOrNearDuplicateOfTheSameClientsRecentCommentIsRefused() {
        String article = article(editor);
        String token = UUID.randomUUID().toString().substring(0, 8);
        post(article, Map.of("body", "Great reporting on the grain deal, thank you " + token + "!")).statusCode(201);
        post(article, Map.of("body", "Great reporting on the grain deal, thank you " + token + "!")).statusCode(409)
                .body("type", equalTo("/problems/conflict")).body("detail", containsString("repeats"));
        post(article, Map.of("body", "great reporting on the grain deal... thank you " + token)).statusCode(409);
        post(article, Map.of("body", "Great  reporting on the grain deals, thanks you " + token + "!!")).statusCode(409);
        post(article, Map.of("body", "The grain deal will not last the winter " + token)).statusCode(201);
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(2));
    }

    @Test
    void tooManyLinksHoldACommentAndTheHoneypotMakesItSpamSilently() {
        String article = article(editor);
        String tag = UUID.randomUUID().toString();
        var held = post(article, Map.of("body", tag + " https://a.example www.b.example http://c.example/x")).statusCode(201)
                .body("status", equalTo("pending")).extract();
        given().header("X-Comment-Token", (String) held.path("editToken"))
                .when().get("/api/v1/comments/" + held.path("id")).then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("status", equalTo("pending"));
        given().when().get("/api/v1/comments/" + held.path("id")).then().statusCode(404);

        String bot = post(article, Map.of("website", "http://spam.example")).statusCode(201)
                .body("status", equalTo("pending")).extract().path("id");
        given().auth().oauth2(moderator).queryParam("status", "spam").queryParam("article", article)
                .when().get("/api/v1/moderation/comments").then().statusCode(200)
                .body("items.id", equalTo(List.of(bot)))
                .body("items[0].heldFor", equalTo("honeypot"));
        given().when().get("/api/v1/articles/" + article + "/comments").then().body("items", empty());
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(0));
    }

    @Test
    void aClosedThreadRefusesNewComments() {
        String article = article(editor);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("commentsOpen", false))
                .when().put("/api/v1/moderation/articles/" + article).then().statusCode(200)
                .body("commentsOpen", equalTo(false)).body("moderation", equalTo("post"))
                .body("moderationIsDefault", equalTo(true));
        post(article, Map.of()).statusCode(409).body("detail", containsString("closed"));
        given().when().get("/api/v1/articles/" + article).then().body("commentsOpen", equalTo(false));
    }

    @Test
    void theAuthorEditsWithTheTokenWithinTheWindowAndDeletesAnyTime() {
        String article = article(editor);
        var posted = post(article, Map.of()).statusCode(201).extract();
        String id = posted.path("id");
        String token = posted.path("editToken");
        String body = freshBody();

        given().contentType(ContentType.JSON).body(Map.of("body", body)).when().patch("/api/v1/comments/" + id)
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        given().contentType(ContentType.JSON).header("X-Comment-Token", "bct_wrong").body(Map.of("body", body))
                .when().patch("/api/v1/comments/" + id).then().statusCode(403);
        given().contentType(ContentType.JSON).header("X-Comment-Token", token).body(Map.of("body", body, "status", "spam"))
                .when().patch("/api/v1/comments/" + id).then().statusCode(200)
                .body("bodyText", equalTo(body))
                .body("editedAt", notNullValue())
                .body("status", equalTo("approved"));

        // Fifteen minutes later editing is over, deleting is not.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update comment set created_at = created_at - interval '16 minutes' where id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate());
        given().contentType(ContentType.JSON).header("X-Comment-Token", token).body(Map.of("body", freshBody()))
                .when().patch("/api/v1/comments/" + id).then().statusCode(409)
                .body("detail", containsString("15 minutes"));
        given().header("X-Comment-Token", "bct_wrong").when().delete("/api/v1/comments/" + id).then().statusCode(403);
        given().header("X-Comment-Token", token).when().delete("/api/v1/comments/" + id).then().statusCode(204);
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(0));
    }

    @Test
    void tamperedCursorsAndCursorsOfAnotherQueryAreRefused() {
        String article = article(editor);
        String root = comment(article, null);
        comment(article, null);
        comment(article, root);
        comment(article, root);
        String next = given().queryParam("limit", 1).when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(200).header("Link", containsString("rel=\"next\"")).extract().path("next");
        String tampered = (next.charAt(0) == 'A' ? 'B' : 'A') + next.substring(1);
        given().queryParam("limit", 1).queryParam("cursor", tampered).when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("sort", "newest").queryParam("cursor", next).when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("cursor", next).when().get("/api/v1/comments/" + root + "/replies")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("sort", "best").when().get("/api/v1/articles/" + article + "/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void pagingNeitherSkipsNorRepeatsWhileNewCommentsArrive() {
        String article = article(editor);
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(comment(article, null));
        }
        for (String sort : List.of("oldest", "newest")) {
            List<String> seen = new ArrayList<>();
            List<String> arrived = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().queryParam("limit", 2).queryParam("sort", sort).queryParam("replies", 0);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.when().get("/api/v1/articles/" + article + "/comments")
                        .then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("next");
                arrived.add(comment(article, null));
            } while (cursor != null);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": an item was repeated");
            assertTrue(seen.containsAll(before), sort + ": an item was skipped");
            if (sort.equals("newest")) {
                List<String> newestFirst = new ArrayList<>(before);
                java.util.Collections.reverse(newestFirst);
                assertEquals(newestFirst, seen);
            }
            before.addAll(arrived);
        }
    }

    @Test
    void readersReportAndEnoughDistinctReportersSendACommentBackToTheQueue() {
        String article = article(editor);
        String id = comment(article, null);
        List<String> readers = List.of(Keys.issue(Roles.PARTNER), Keys.issue(Roles.PARTNER), Keys.issue(Roles.PARTNER));
        Map<String, String> report = Map.of("reason", "Personal attack.");

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(readers.get(0)).contentType(ContentType.JSON).body(report)
                    .when().post("/api/v1/comments/" + id + "/reports").then().statusCode(202)
                    .header("RateLimit-Policy", startsWith("\"comments\""));
        }
        given().auth().oauth2(readers.get(1)).contentType(ContentType.JSON).body(report)
                .when().post("/api/v1/comments/" + id + "/reports").then().statusCode(202);
        given().when().get("/api/v1/comments/" + id).then().statusCode(200).body("status", equalTo("approved"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "")).when().post("/api/v1/comments/" + id + "/reports")
                .then().statusCode(400);

        given().auth().oauth2(readers.get(2)).contentType(ContentType.JSON).body(report)
                .when().post("/api/v1/comments/" + id + "/reports").then().statusCode(202);
        given().when().get("/api/v1/comments/" + id).then().statusCode(404);
        given().when().get("/api/v1/articles/" + article).then().body("commentCount", equalTo(0));
        given().auth().oauth2(moderator).queryParam("status", "reported").queryParam("article", article)
                .when().get("/api/v1/moderation/comments").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)))
                .body("items[0].reportCount", equalTo(3))
                .body("items[0].heldFor", equalTo("reports"));
        given().contentType(ContentType.JSON).body(report).when().post("/api/v1/comments/" + UUID.randomUUID() + "/reports")
                .then().statusCode(404);
    }

    @Test
    void commentsOfArticlesThePublicCannotSeeAreNotFound() {
        String draft = given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("headline", "Not yet")).when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        given().when().get("/api/v1/articles/" + draft + "/comments").then().statusCode(404);
        post(draft, Map.of()).statusCode(404);
        given().when().get("/api/v1/articles/no-such-article-" + UUID.randomUUID() + "/comments").then().statusCode(404);
        given().when().get("/api/v1/comments/not-a-uuid").then().statusCode(404);
        given().when().get("/api/v1/comments/" + UUID.randomUUID() + "/replies").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        String article = article(editor);
        String slug = given().when().get("/api/v1/articles/" + article).then().extract().path("slug");
        comment(article, null);
        given().when().get("/api/v1/articles/" + slug + "/comments").then().statusCode(200).body("items", hasSize(1));
        String etag = given().when().get("/api/v1/articles/" + slug + "/comments").then().extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/api/v1/articles/" + slug + "/comments").then().statusCode(304);
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("reason", "Legal."))
                .when().post("/api/v1/articles/" + article + "/withdraw").then().statusCode(200);
        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(410);
        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(not(equalTo(200)))
                .header("Content-Type", endsWith("problem+json"));
    }

    @Test
    void aThreadIsAnsweredLikeItsArticle() {
        // Withdrawn while scheduled: the public never saw it, so article and thread are both unknown, not gone.
        String scheduled = given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("headline", "Never out")).when().post("/api/v1/articles").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("publishAt", Instant.now().plus(Duration.ofDays(1)).toString()))
                .when().post("/api/v1/articles/" + scheduled + "/publish").then().statusCode(200)
                .body("status", equalTo("scheduled"));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("reason", "Spiked."))
                .when().post("/api/v1/articles/" + scheduled + "/withdraw").then().statusCode(200);
        given().when().get("/api/v1/articles/" + scheduled).then().statusCode(404);
        given().when().get("/api/v1/articles/" + scheduled + "/comments").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));

        // Deleted after the public read it: both gone.
        String article = article(editor);
        comment(article, null);
        String etag = given().auth().oauth2(editor).when().get("/api/v1/articles/" + article).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(editor).header("If-Match", etag).when().delete("/api/v1/articles/" + article)
                .then().statusCode(204);
        given().when().get("/api/v1/articles/" + article).then().statusCode(410);
        given().when().get("/api/v1/articles/" + article + "/comments").then().statusCode(410)
                .body("type", equalTo("/problems/gone"));
        post(article, Map.of()).statusCode(410);
    }
}

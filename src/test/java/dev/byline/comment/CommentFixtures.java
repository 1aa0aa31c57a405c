package dev.byline.comment;

import static io.restassured.RestAssured.given;

import dev.byline.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Articles and comments for the comment tests, made through the API. */
final class CommentFixtures {

    private CommentFixtures() {
    }

    /** A published article open for comments; returns its id. */
    static String article(String editorKey) {
        String id = given().auth().oauth2(editorKey).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("talk"), "headline", "Grain shipments resume after talks",
                        "bodyText", "Ships left port."))
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(editorKey).when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** A body no other comment in the test run resembles, so duplicate checks stay out of the way. */
    static String freshBody() {
        return "Thought " + UUID.randomUUID() + " " + UUID.randomUUID();
    }

    static ValidatableResponse post(String articleId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("authorName", "Ayesha", "body", freshBody()));
        body.putAll(fields);
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/articles/" + articleId + "/comments").then();
    }

    /** Posts an approved comment (post-moderation) and returns its id. */
    static String comment(String articleId, String parentId) {
        Map<String, Object> fields = parentId == null ? Map.of() : Map.of("parentId", parentId);
        return post(articleId, fields).statusCode(201).extract().path("id");
    }
}

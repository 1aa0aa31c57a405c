package dev.byline.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Sample data made through the API itself, with unique slugs so tests do not see each other's rows. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a source and returns its slug. Call from a test running as an editor. */
    public static String source(String name, Map<String, Object> extra) {
        String slug = unique("src");
        var body = new java.util.HashMap<String, Object>(Map.of("slug", slug, "name", name, "kind", "wire-agency"));
        body.putAll(extra);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sources")
                .then().statusCode(201);
        return slug;
    }

    /** Creates a draft and returns its id. Call from a test running as an editor. */
    public static String draft(Map<String, Object> fields) {
        return given().contentType(ContentType.JSON).body(fields)
                .when().post("/api/v1/articles")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Creates and publishes an article, returning its id. Call from a test running as an editor. */
    public static String published(Map<String, Object> fields) {
        String id = draft(fields);
        given().when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        return id;
    }
}

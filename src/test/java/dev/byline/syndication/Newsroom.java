package dev.byline.syndication;

import static io.restassured.RestAssured.given;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** An editor and a partner with real keys, and the editorial calls syndication tests make. */
final class Newsroom {

    final String editorKey = Keys.issue(Roles.EDITOR);
    final String partnerKey = Keys.issue(Roles.PARTNER);

    RequestSpecification asEditor() {
        return given().header("Authorization", "Bearer " + editorKey);
    }

    RequestSpecification asPartner() {
        return given().header("Authorization", "Bearer " + partnerKey);
    }

    String source(String name, Map<String, Object> extra) {
        String slug = Fixtures.unique("src");
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "name", name, "kind", "wire-agency",
                "homepageUrl", "https://agency.example/"));
        body.putAll(extra);
        asEditor().contentType(ContentType.JSON).body(body).when().post("/api/v1/sources").then().statusCode(201);
        return slug;
    }

    String draft(Map<String, Object> fields) {
        return asEditor().contentType(ContentType.JSON).body(fields)
                .when().post("/api/v1/articles")
                .then().statusCode(201)
                .extract().path("id");
    }

    String published(Map<String, Object> fields) {
        String id = draft(fields);
        publish(id, null);
        return id;
    }

    void publish(String id, Map<String, Object> request) {
        RequestSpecification spec = asEditor();
        if (request != null) {
            spec = spec.contentType(ContentType.JSON).body(request);
        }
        spec.when().post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
    }

    void edit(String id, Map<String, Object> patch) {
        String etag = asEditor().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        asEditor().contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                .when().patch("/api/v1/articles/" + id).then().statusCode(200);
    }

    void correct(String id, String text) {
        asEditor().contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/v1/articles/" + id + "/corrections").then().statusCode(201);
    }

    void withdraw(String id) {
        asEditor().contentType(ContentType.JSON).body(Map.of("reason", "Legal advice."))
                .when().post("/api/v1/articles/" + id + "/withdraw").then().statusCode(200);
    }

    void delete(String id) {
        String etag = asEditor().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
        asEditor().header("If-Match", etag).when().delete("/api/v1/articles/" + id).then().statusCode(204);
    }

    /** The cursor after the last change so far, where a partner that has caught up polls from. */
    String endOfChangeFeed() {
        String cursor = null;
        while (true) {
            var spec = asPartner().queryParam("limit", 1000);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            io.restassured.path.json.JsonPath page = spec.when().get("/api/v1/changes").then().statusCode(200)
                    .extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                return page.getString("next");
            }
            cursor = page.getString("next");
        }
    }
}

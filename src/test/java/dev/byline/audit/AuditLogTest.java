package dev.byline.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every write is recorded with who made it, and a refused write leaves no record. */
@QuarkusTest
class AuditLogTest {

    @Test
    void writesAreRecordedWithTheKeyThatMadeThem() {
        String admin = Keys.issue(Roles.ADMIN);
        String editor = Keys.issue(Roles.EDITOR);
        String slug = Fixtures.unique("audited");
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
                .body("items[0].summary", containsString("name"))
                .body("items[1].action", equalTo("source.create"))
                .body("items[1].actor.keyId", notNullValue())
                .body("items[1].actor.name", containsString("test key"))
                .body("items[1].at", notNullValue());
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
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("slug", Fixtures.unique("paged"), "name", "Paged " + i, "kind", "other"))
                    .when().post("/api/v1/sources").then().statusCode(201);
        }
        String next = given().auth().oauth2(admin).when().get("/api/v1/audit?action=source.create&limit=2")
                .then().statusCode(200).body("items", hasSize(2)).extract().path("next");
        given().auth().oauth2(admin).queryParam("action", "source.create").queryParam("limit", 2).queryParam("cursor", next)
                .when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth().oauth2(admin).queryParam("action", "article.create").queryParam("cursor", next)
                .when().get("/api/v1/audit")
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }
}

package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.As;
import dev.byline.support.Database;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** An article may translate another: each lists the language versions readers may open, and the rules hold. */
@QuarkusTest
class TranslationTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String ENGLISH = "Grain shipments resume after talks";
    private static final String RUSSIAN = "Поставки зерна возобновлены после переговоров";
    private static final String RUSSIAN_SLUG = "postavki-zerna-vozobnovleny-posle-peregovorov";
    private static final String FRENCH = "Les livraisons de céréales reprennent";

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    DataSource dataSource;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aTranslationNamesItsOriginalAndEveryVersionListsTheOthersReadersMayOpen() {
        String originalSlug = Fixtures.unique("grain");
        String original = Fixtures.published(Map.of("headline", ENGLISH, "slug", originalSlug));

        String russian = given().contentType(ContentType.JSON)
                .body(Map.of("headline", RUSSIAN, "language", "ru", "translationOf", originalSlug))
                .when().post(ARTICLES)
                .then().statusCode(201)
                .body("slug", containsString(RUSSIAN_SLUG))
                .body("translationOf.id", equalTo(original))
                .body("translationOf.link", equalTo(ARTICLES + "/" + originalSlug))
                .body("translations.language", contains("en"))
                .body("translations[0].id", equalTo(original))
                .body("translations[0].headline", equalTo(ENGLISH))
                .extract().path("id");
        // A draft translation is nobody's business but the newsroom's.
        As.anonymous(() -> given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                .body("translationOf", nullValue()).body("translations", empty()));

        given().post(ARTICLES + "/" + russian + "/publish").then().statusCode(200);
        String russianSlug = given().get(ARTICLES + "/" + russian).then().extract().path("slug");
        String french = Fixtures.published(Map.of("headline", FRENCH, "language", "fr", "translationOf", original));

        As.anonymous(() -> {
            given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                    .body("translationOf", nullValue())
                    .body("translations.language", contains("fr", "ru"))
                    .body("translations.id", contains(french, russian))
                    .body("translations[1].slug", equalTo(russianSlug))
                    .body("translations[1].headline", equalTo(RUSSIAN))
                    .body("translations[1].link", equalTo(ARTICLES + "/" + russianSlug));
            given().get(ARTICLES + "/" + russianSlug).then().statusCode(200)
                    .body("translationOf.id", equalTo(original))
                    .body("translations.language", contains("en", "fr"));
        });

        // Withdrawing a version takes it out of the others' lists.
        given().contentType(ContentType.JSON).body(Map.of("reason", "Mistranslated."))
                .post(ARTICLES + "/" + french + "/withdraw").then().statusCode(200);
        As.anonymous(() -> given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                .body("translations.language", contains("ru")));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void translationOfIsCheckedAndRefusedInputChangesNothing() {
        String original = Fixtures.published(Map.of("headline", ENGLISH));
        String russian = Fixtures.published(Map.of("headline", RUSSIAN, "language", "ru", "translationOf", original));
        String other = Fixtures.published(Map.of("headline", "Another story"));

        refusedOnCreate(Map.of("translationOf", Fixtures.unique("no-such-article")), 400, "translationOf");
        refusedOnCreate(Map.of("translationOf", russian, "language", "fr"), 400, "translationOf");
        refusedOnCreate(Map.of("translationOf", original), 409, "translationOf");
        refusedOnCreate(Map.of("translationOf", original, "language", "ru"), 409, "translationOf");

        refusedOnEdit(original, Map.of("translationOf", original), 400, "translationOf");
        refusedOnEdit(original, Map.of("translationOf", other), 400, "translationOf");
        refusedOnEdit(russian, Map.of("language", "en"), 409, "language");
        refusedOnEdit(original, Map.of("language", "ru"), 409, "language");

        // Naming the same original by slug changes nothing; pointing elsewhere moves the translation.
        String originalSlug = given().get(ARTICLES + "/" + original).then().extract().path("slug");
        String etag = etagOf(russian);
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("translationOf", originalSlug))
                .when().patch(ARTICLES + "/" + russian).then().statusCode(200).header("ETag", equalTo(etag));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("translationOf", other))
                .when().patch(ARTICLES + "/" + russian).then().statusCode(200)
                .body("translationOf.id", equalTo(other)).body("translations.id", contains(other));
        As.anonymous(() -> given().get(ARTICLES + "/" + original).then().statusCode(200).body("translations", empty()));

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("translationOf", null);
        given().contentType(MERGE_PATCH).header("If-Match", etagOf(russian)).body(clear)
                .when().patch(ARTICLES + "/" + russian).then().statusCode(200)
                .body("translationOf", nullValue()).body("translations", empty());
        As.anonymous(() -> given().get(ARTICLES + "/" + other).then().statusCode(200).body("translations", empty()));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aChangeToOneVersionReachesTheOthersAlreadyRenderedHereAndElsewhere() {
        String originalSlug = Fixtures.unique("rendered");
        String original = Fixtures.published(Map.of("headline", ENGLISH, "slug", originalSlug));
        String russian = Fixtures.draft(Map.of("headline", RUSSIAN, "language", "ru", "translationOf", original));
        As.anonymous(() -> given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                .body("translations", empty()));

        // Through this instance: the original's rendition goes with the translation's publication.
        given().post(ARTICLES + "/" + russian + "/publish").then().statusCode(200);
        As.anonymous(() -> given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                .body("translations.id", contains(russian)));

        // Through another instance (SQL into the shared database): the trigger names the original too.
        String renamed = Fixtures.unique("pereimenovano");
        assertEquals(1, Database.execute(dataSource, "update article set slug = ?, version = version + 1 where id = ?",
                renamed, UUID.fromString(russian)));
        As.anonymous(() -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(1));
            while (!renamed.equals(given().get(ARTICLES + "/" + originalSlug).then().statusCode(200)
                    .extract().path("translations[0].slug"))) {
                assertTrue(Instant.now().isBefore(deadline), "the original still lists the old slug after a second");
            }
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void theLanguageVersionsComeInTheArticlesOneStatement() {
        String originalSlug = Fixtures.unique("one-statement");
        String original = Fixtures.published(Map.of("headline", ENGLISH, "slug", originalSlug));
        Fixtures.published(Map.of("headline", RUSSIAN, "language", "ru", "translationOf", original));
        Fixtures.published(Map.of("headline", FRENCH, "language", "fr", "translationOf", original));

        As.anonymous(() -> {
            long statements = SqlStatements.during(entityManagerFactory, () -> given().get(ARTICLES + "/" + originalSlug)
                    .then().statusCode(200).body("translations.language", contains("fr", "ru")));
            // One to read (the versions included), one to store the rendition for every instance.
            assertEquals(2, statements, "GET of an article with translations ran " + statements + " statements");
        });
    }

    private void refusedOnCreate(Map<String, Object> fields, int status, String field) {
        String slug = Fixtures.unique("refused");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("headline", RUSSIAN, "slug", slug));
        body.putAll(fields);
        given().contentType(ContentType.JSON).body(body).when().post(ARTICLES)
                .then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
        given().get(ARTICLES + "/" + slug).then().statusCode(404);
    }

    private void refusedOnEdit(String id, Map<String, Object> patch, int status, String field) {
        String etag = etagOf(id);
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(patch).when().patch(ARTICLES + "/" + id)
                .then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
        given().get(ARTICLES + "/" + id).then().statusCode(200).header("ETag", equalTo(etag));
    }

    private static String etagOf(String id) {
        return given().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag");
    }
}

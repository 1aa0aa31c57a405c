package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.Roles;
import dev.byline.support.As;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import dev.byline.support.NewsSite;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the newsroom's site configured, an article's JSON and its list items carry {@code webUrl}, its page on the
 * site, made from the template with the section and slug of the moment; only while the public may read it.
 */
@QuarkusTest
@TestProfile(NewsSite.class)
class WebUrlTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final String SITE = "https://news.example/";

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aPublishedArticleAndItsListItemLinkToItsPageOnTheSite() {
        String section = Fixtures.unique("world");
        String slug = Fixtures.unique("grain-talks");
        Fixtures.published(Map.of("headline", "Grain talks", "slug", slug, "section", section));
        String page = SITE + section + "/" + slug;
        As.anonymous(() -> {
            long missed = SqlStatements.during(entityManagerFactory, () -> given().get(ARTICLES + "/" + slug)
                    .then().statusCode(200).body("webUrl", equalTo(page)));
            assertEquals(2, missed, "a GET not yet in memory ran " + missed + " statements (read, store)");
            // The second reader is answered by CachedArticleRoute from the kept rendition: the same bytes.
            String first = given().get(ARTICLES + "/" + slug).then().extract().asString();
            long kept = SqlStatements.during(entityManagerFactory, () -> assertEquals(first,
                    given().get(ARTICLES + "/" + slug).then().statusCode(200).body("webUrl", equalTo(page))
                            .extract().asString()));
            assertEquals(0, kept, "the second GET came from memory");
            given().queryParam("section", section).get(ARTICLES).then().statusCode(200)
                    .body("items.slug", contains(slug))
                    .body("items[0].webUrl", equalTo(page));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleWithoutASectionHasNoSectionInItsPage() {
        String slug = Fixtures.unique("no-section");
        String id = Fixtures.published(Map.of("headline", "Nowhere in particular", "slug", slug));
        As.anonymous(() -> given().get(ARTICLES + "/" + id).then().statusCode(200).body("webUrl", equalTo(SITE + slug)));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aNewSlugOrSectionMovesThePageOnTheNextRead() {
        String section = Fixtures.unique("sec");
        String slug = Fixtures.unique("before");
        String id = Fixtures.published(Map.of("headline", "Moving", "slug", slug, "section", section));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + id).then().statusCode(200).body("webUrl", equalTo(SITE + section + "/" + slug));
            given().get(ARTICLES + "/" + id).then().statusCode(200); // now kept in memory
        });
        String etag = given().get(ARTICLES + "/" + id).then().extract().header("ETag");
        String newSection = Fixtures.unique("other");
        String newSlug = Fixtures.unique("after");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("slug", newSlug, "section", newSection)).patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("webUrl", equalTo(SITE + newSection + "/" + newSlug));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + id).then().statusCode(200)
                    .body("webUrl", equalTo(SITE + newSection + "/" + newSlug));
            given().get(ARTICLES + "/" + newSlug).then().statusCode(200)
                    .body("webUrl", equalTo(SITE + newSection + "/" + newSlug));
            given().queryParam("section", newSection).get(ARTICLES).then().statusCode(200)
                    .body("items[0].webUrl", equalTo(SITE + newSection + "/" + newSlug));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void onlyWhatThePublicMayReadHasAPage() {
        String section = Fixtures.unique("sec");
        String slug = Fixtures.unique("draft");
        String id = Fixtures.draft(Map.of("headline", "Not yet", "slug", slug, "section", section));
        given().get(ARTICLES + "/" + id).then().statusCode(200).body("status", equalTo("draft"))
                .body("webUrl", nullValue());
        given().queryParam("status", "draft").queryParam("section", section).get(ARTICLES).then().statusCode(200)
                .body("items.slug", contains(slug))
                .body("items[0].webUrl", nullValue());
        given().post(ARTICLES + "/" + id + "/publish").then().statusCode(200)
                .body("webUrl", equalTo(SITE + section + "/" + slug));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Legal advice."))
                .post(ARTICLES + "/" + id + "/withdraw").then().statusCode(200).body("webUrl", nullValue());

        // A partner reads an embargoed article before the public: it has no page on the site yet.
        String embargoed = Fixtures.draft(Map.of("headline", "Under embargo", "section", section));
        given().contentType(ContentType.JSON)
                .body(Map.of("embargoedUntil", Instant.now().plus(2, ChronoUnit.HOURS).toString()))
                .post(ARTICLES + "/" + embargoed + "/publish").then().statusCode(200).body("webUrl", nullValue());
        String partner = Keys.issue(Roles.PARTNER);
        As.anonymous(() -> given().header("Authorization", "Bearer " + partner).get(ARTICLES + "/" + embargoed)
                .then().statusCode(200).body("embargoedUntil", notNullValue())
                .body("webUrl", nullValue()));
    }
}

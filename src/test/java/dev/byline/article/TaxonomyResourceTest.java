package dev.byline.article;

import static dev.byline.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/** Sections and tags in use: /api/v1/sections and /api/v1/tags count published articles only. */
@QuarkusTest
class TaxonomyResourceTest {

    private static final String SECTIONS = "/api/v1/sections";
    private static final String TAGS = "/api/v1/tags";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String DEFAULT_HEADLINE = "Grain shipments resume after talks";
    private static final String DIGEST_ETAG = "^\"[0-9a-f]+\"$";
    /** Every tag, not only the 100 most used, so that a tag used once is sure to be listed. */
    private static final int ALL_TAGS = 1000;
    /** How many tags a list without a limit shows (the contract's default). */
    private static final int DEFAULT_TAGS = 100;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sectionsCountPublishedArticlesOnly() {
        String section = unique("section");
        String draft = Fixtures.draft(Map.of("headline", DEFAULT_HEADLINE, "section", section));
        assertEquals(0L, sectionCount(section), "a draft's section is not listed");

        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "section", section));
        assertEquals(1L, sectionCount(section), "publishing adds exactly one");

        given().when().post("/api/v1/articles/{id}/publish", draft).then().statusCode(200);
        assertEquals(2L, sectionCount(section), "publishing the draft adds exactly one more");
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sectionsDoNotCountWithdrawnOrScheduledArticles() {
        String section = unique("section");
        String withdrawn = Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "section", section));
        String scheduled = Fixtures.draft(Map.of("headline", DEFAULT_HEADLINE, "section", section));
        given().contentType(ContentType.JSON).body(Map.of("publishAt", "2099-01-01T00:00:00Z"))
                .when().post("/api/v1/articles/{id}/publish", scheduled)
                .then().statusCode(200).body("status", equalTo("scheduled"));
        assertEquals(1L, sectionCount(section));

        given().contentType(ContentType.JSON).body(Map.of("reason", "Withdrawn for legal reasons."))
                .when().post("/api/v1/articles/{id}/withdraw", withdrawn)
                .then().statusCode(200);

        assertEquals(0L, sectionCount(section));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void tagsCountPublishedArticlesOnly() {
        String tag = unique("tag");
        String shared = unique("tag");
        Fixtures.draft(Map.of("headline", DEFAULT_HEADLINE, "tags", List.of(tag, shared)));
        assertEquals(0L, tagCount(tag), "a draft's tags are not listed");

        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "tags", List.of(tag, shared)));
        assertEquals(1L, tagCount(tag), "publishing adds exactly one");
        assertEquals(1L, tagCount(shared));

        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "tags", List.of(shared)));
        assertEquals(1L, tagCount(tag));
        assertEquals(2L, tagCount(shared));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void termsComeMostUsedFirst() {
        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "section", unique("section"), "tags", List.of(unique("tag"))));

        List<Integer> sectionCounts = given().when().get(SECTIONS).then().statusCode(200).extract().path("items.count");
        List<Integer> tagCounts = given().queryParam("limit", ALL_TAGS).when().get(TAGS)
                .then().statusCode(200).extract().path("items.count");

        assertEquals(sectionCounts.stream().sorted((a, b) -> b - a).toList(), sectionCounts);
        assertEquals(tagCounts.stream().sorted((a, b) -> b - a).toList(), tagCounts);
    }

    @ParameterizedTest
    @ValueSource(strings = {SECTIONS, TAGS})
    void answersWithEtagPublicCachingAnd304(String path) {
        String etag = given().when().get(path)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern(DIGEST_ETAG))
                .header("Cache-Control", startsWith("public, max-age="))
                .extract().header("ETag");

        given().header("If-None-Match", etag)
                .when().get(path)
                .then().statusCode(304)
                .header("ETag", equalTo(etag))
                .body(equalTo(""));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void theEtagChangesWhenAPublicationChangesTheCounts() {
        String sectionsBefore = given().when().get(SECTIONS).then().extract().header("ETag");
        String tagsBefore = given().queryParam("limit", ALL_TAGS).when().get(TAGS).then().extract().header("ETag");

        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "section", unique("section"), "tags", List.of(unique("tag"))));

        given().header("If-None-Match", sectionsBefore)
                .when().get(SECTIONS)
                .then().statusCode(200)
                .header("ETag", not(equalTo(sectionsBefore)));
        given().header("If-None-Match", tagsBefore).queryParam("limit", ALL_TAGS)
                .when().get(TAGS)
                .then().statusCode(200)
                .header("ETag", not(equalTo(tagsBefore)));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void tagsLimitCapsTheList() {
        Fixtures.published(Map.of("headline", DEFAULT_HEADLINE, "tags", List.of(unique("tag"), unique("tag"))));

        given().queryParam("limit", 1)
                .when().get(TAGS)
                .then().statusCode(200)
                .body("items.size()", equalTo(1));
        // Without a limit: the 100 most used, which takes more than 100 tags in use to show.
        List<String> all = given().queryParam("limit", ALL_TAGS).when().get(TAGS).then().extract().path("items.name");
        for (int missing = DEFAULT_TAGS + 1 - all.size(); missing > 0; missing -= 30) {
            Fixtures.published(Map.of("headline", DEFAULT_HEADLINE,
                    "tags", java.util.stream.IntStream.range(0, Math.min(missing, 30)).mapToObj(i -> unique("tag")).toList()));
        }
        List<String> mostUsed = given().queryParam("limit", ALL_TAGS).when().get(TAGS).then().extract().path("items.name");
        given().when().get(TAGS)
                .then().statusCode(200)
                .body("items.name", equalTo(mostUsed.subList(0, DEFAULT_TAGS)));
    }

    @Test
    void tagsWithAnInvalidLimitIs400NamingLimit() {
        for (String limit : List.of("0", "1001", "-5", "many", "1.5")) {
            given().queryParam("limit", limit)
                    .when().get(TAGS)
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo("/problems/validation"))
                    .body("status", equalTo(400))
                    .body("detail", equalTo("Query parameter 'limit' must be a whole number from 1 to 1000."))
                    .body("instance", equalTo(TAGS))
                    .body("errors", equalTo(List.of(Map.of("in", "query", "field", "limit",
                            "message", "must be a whole number from 1 to 1000"))));
        }
    }

    private static long sectionCount(String section) {
        return countOf(given().when().get(SECTIONS)
                .then().statusCode(200)
                .extract().path("items.findAll { it.name == '" + section + "' }.count"));
    }

    private static long tagCount(String tag) {
        return countOf(given().queryParam("limit", ALL_TAGS).when().get(TAGS)
                .then().statusCode(200)
                .extract().path("items.findAll { it.name == '" + tag + "' }.count"));
    }

    /** A term that is not listed counts zero; a listed one must be listed once. */
    private static long countOf(List<Number> matches) {
        if (matches.isEmpty()) {
            return 0;
        }
        assertEquals(1, matches.size(), "a term is listed once");
        return matches.get(0).longValue();
    }
}

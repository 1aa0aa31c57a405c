package dev.byline.source;

import static dev.byline.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The source register: /api/v1/sources and /api/v1/sources/{slug}. */
@QuarkusTest
class SourceResourceTest {

    private static final String SOURCES = "/api/v1/sources";
    private static final String SOURCE = "/api/v1/sources/{slug}";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private static final String DEFAULT_NAME = "Asian News International";
    private static final String UPDATED_NAME = "ANI News";
    private static final String DEFAULT_KIND = "wire-agency";
    private static final String DEFAULT_HOMEPAGE = "https://www.aninews.in";
    private static final List<String> DEFAULT_ALIASES = List.of("ANI");
    private static final String DEFAULT_ATTRIBUTION = "Based on ANI report";
    private static final String UPDATED_ATTRIBUTION = "With inputs from ANI";
    private static final String DEFAULT_COPYRIGHT_HOLDER = "Asian News International";
    private static final String DEFAULT_USAGE_TERMS = "Subscribers only.";
    private static final String ALLOWED_KINDS =
            "wire-agency, newspaper, broadcaster, news-website, social-platform, government, other";
    private static final String VERSIONED_ETAG = "^\"v\\d+-[0-9a-f]+\"$";
    private static final Pattern LINK_NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    // --- create --------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createReturns201WithLocationEtagAndTheSource() {
        String slug = unique("ani");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(fullSource(slug))
                .when().post(SOURCES)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith(SOURCES + "/" + slug))
                .header("ETag", matchesPattern(VERSIONED_ETAG))
                .body("slug", equalTo(slug))
                .body("name", equalTo(DEFAULT_NAME))
                .body("kind", equalTo(DEFAULT_KIND))
                .body("homepageUrl", equalTo(DEFAULT_HOMEPAGE))
                .body("aliases", equalTo(DEFAULT_ALIASES))
                .body("defaultAttribution", equalTo(DEFAULT_ATTRIBUTION))
                .body("rights.copyrightHolder", equalTo(DEFAULT_COPYRIGHT_HOLDER))
                .body("rights.usageTerms", equalTo(DEFAULT_USAGE_TERMS))
                .body("rights.syndicatable", equalTo(false))
                .body("version", equalTo(0))
                .extract();
        Instant createdAt = Instant.parse(created.path("createdAt"));
        assertTrue(!createdAt.isBefore(before) && !createdAt.isAfter(Instant.now()), "created at " + createdAt);
        Instant updatedAt = Instant.parse(created.path("updatedAt"));
        assertTrue(!updatedAt.isBefore(createdAt) && !updatedAt.isAfter(Instant.now()), "updated at " + updatedAt);

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .body("name", equalTo(DEFAULT_NAME))
                .body("defaultAttribution", equalTo(DEFAULT_ATTRIBUTION));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void timesComeFromTheApplicationClockToTheMicrosecondStored() {
        Instant fixed = Instant.parse("2021-05-06T07:08:09.123456789Z");
        QuarkusMock.installMockForType(Clock.fixed(fixed, ZoneOffset.UTC), Clock.class);
        String slug = unique("clocked");

        given().contentType(ContentType.JSON).body(fullSource(slug))
                .when().post(SOURCES)
                .then().statusCode(201)
                .body("createdAt", equalTo("2021-05-06T07:08:09.123456Z"))
                .body("updatedAt", equalTo("2021-05-06T07:08:09.123456Z"));
        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .body("createdAt", equalTo("2021-05-06T07:08:09.123456Z"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void theEtagOfTheCreatedSourceIsTheOneGetAnswersWith() {
        String slug = unique("ani");
        String created = given().contentType(ContentType.JSON).body(fullSource(slug))
                .when().post(SOURCES)
                .then().statusCode(201)
                .extract().header("ETag");

        given().header("If-None-Match", created)
                .when().get(SOURCE, slug)
                .then().statusCode(304)
                .header("ETag", equalTo(created));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aliasesAreTrimmedAndDeduplicated() {
        String slug = unique("aliases");

        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND, "aliases", List.of("ANI", " ANI ", "A.N.I.")))
                .when().post(SOURCES)
                .then().statusCode(201)
                .body("aliases", equalTo(List.of("ANI", "A.N.I.")));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aBlankAliasIs400NamingItsPosition() {
        String slug = unique("aliases");

        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND, "aliases", List.of("ANI", " ")))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("aliases[1]")));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithOnlyRequiredFieldsDefaultsTheRest() {
        String slug = unique("minimal");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", "newspaper"))
                .when().post(SOURCES)
                .then().statusCode(201)
                .body("homepageUrl", nullValue())
                .body("aliases", empty())
                .body("defaultAttribution", nullValue())
                .body("rights.copyrightHolder", nullValue())
                .body("rights.usageTerms", nullValue())
                .body("rights.syndicatable", equalTo(true));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithATakenSlugIs409AndKeepsTheFirst() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", UPDATED_NAME, "kind", "newspaper"))
                .when().post(SOURCES)
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/conflict"))
                .body("status", equalTo(409))
                .body("detail", containsString(slug))
                .body("instance", equalTo(SOURCES));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .body("name", equalTo(DEFAULT_NAME))
                .body("kind", equalTo(DEFAULT_KIND));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithAnUnknownKindIs400NamingKindAndTheAllowedValues() {
        String slug = unique("bad-kind");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", "blog"))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("detail", containsString("kind"))
                .body("errors.field", equalTo(List.of("kind")))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].message", containsString(ALLOWED_KINDS));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithAnInvalidSlugIs400AndStoresNothing() {
        String slug = "Not_A_Slug-" + unique("x");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", equalTo(List.of("slug")))
                .body("errors[0].message", containsString("lowercase letters, digits or hyphens"));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithoutANameIs400AndStoresNothing() {
        String slug = unique("nameless");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "kind", DEFAULT_KIND))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("detail", containsString("name"))
                .body("errors.field", equalTo(List.of("name")))
                .body("errors[0].in", equalTo("body"));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createWithANonHttpHomepageIs400AndStoresNothing() {
        String slug = unique("ftp-home");

        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND, "homepageUrl", "ftp://example.org"))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("homepageUrl")))
                .body("errors[0].message", startsWith("must be an absolute http or https URL"));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createReportsEveryInvalidFieldAtOnce() {
        String slug = unique("many-errors");

        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", " ", "kind", DEFAULT_KIND, "homepageUrl", "not a url"))
                .when().post(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", containsInAnyOrder("name", "homepageUrl"))
                .body("errors.in", equalTo(List.of("body", "body")));

        assertNotStored(slug);
    }

    @Test
    void anonymousCreateIs401WithWwwAuthenticateAndStoresNothing() {
        String slug = unique("anonymous");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND))
                .when().post(SOURCES)
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"byline\""))
                .body("type", equalTo("/problems/unauthenticated"))
                .body("status", equalTo(401));

        assertNotStored(slug);
    }

    @Test
    @TestSecurity(user = "partner", roles = "partner")
    void partnerMayNotCreate() {
        String slug = unique("partner");

        given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", DEFAULT_NAME, "kind", DEFAULT_KIND))
                .when().post(SOURCES)
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/forbidden"))
                .body("status", equalTo(403));

        assertNotStored(slug);
    }

    // --- read ----------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void getAnswersWithEtagAndPublicCaching() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of("defaultAttribution", DEFAULT_ATTRIBUTION));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern(VERSIONED_ETAG))
                .header("Cache-Control", startsWith("public, max-age="))
                .body("slug", equalTo(slug))
                .body("name", equalTo(DEFAULT_NAME))
                .body("defaultAttribution", equalTo(DEFAULT_ATTRIBUTION));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void getWithTheCurrentEtagIs304WithoutABody() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String etag = given().when().get(SOURCE, slug).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag)
                .when().get(SOURCE, slug)
                .then().statusCode(304)
                .header("ETag", equalTo(etag))
                .body(equalTo(""));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void getWithAnOldEtagIs200() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String before = given().when().get(SOURCE, slug).then().extract().header("ETag");
        patch(slug, before, Map.of("name", UPDATED_NAME)).then().statusCode(200);

        given().header("If-None-Match", before)
                .when().get(SOURCE, slug)
                .then().statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("name", equalTo(UPDATED_NAME));
    }

    @Test
    void getOfAnUnknownSourceIs404Problem() {
        String slug = unique("missing");

        given().when().get(SOURCE, slug)
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/not-found"))
                .body("status", equalTo(404))
                .body("detail", containsString(slug))
                .body("instance", equalTo(SOURCES + "/" + slug));
    }

    // --- list ----------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void listPagesFollowTheLinkHeaderAndVisitEverySourceOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(Fixtures.source(DEFAULT_NAME + " " + i, Map.of()));
        }

        List<String> inThrees = allSlugs(3);

        assertEquals(inThrees.size(), new LinkedHashSet<>(inThrees).size(), "no source is served twice: " + inThrees);
        assertTrue(inThrees.containsAll(created), "every source is served");
        assertEquals(allSlugs(100), inThrees, "the page size does not change what is listed, or in which order");
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void listDefaultsToFiftyAndFollowsTheNextCursorField() {
        for (int i = 0; i < 3; i++) {
            Fixtures.source(DEFAULT_NAME, Map.of());
        }
        int total = allSlugs(100).size();

        List<String> first = given().when().get(SOURCES)
                .then().statusCode(200)
                .header("Cache-Control", startsWith("public"))
                .body("items.size()", equalTo(Math.min(total, 50)))
                .extract().path("items.slug");

        String next = given().queryParam("limit", 1).when().get(SOURCES).then().statusCode(200).extract().path("next");
        assertNotNull(next, "there are at least three sources");
        given().queryParam("limit", 1).queryParam("cursor", next)
                .when().get(SOURCES)
                .then().statusCode(200)
                .body("items[0].slug", equalTo(first.get(1)));
    }

    @Test
    void listWithTheCurrentEtagIs304() {
        String etag = given().when().get(SOURCES).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag)
                .when().get(SOURCES)
                .then().statusCode(304)
                .header("ETag", equalTo(etag));
    }

    @Test
    void listWithAnInvalidLimitIs400NamingLimit() {
        for (String limit : List.of("0", "101", "ten", "-1")) {
            given().queryParam("limit", limit)
                    .when().get(SOURCES)
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo("/problems/validation"))
                    .body("errors[0].in", equalTo("query"))
                    .body("errors[0].field", equalTo("limit"))
                    .body("errors[0].message", equalTo("must be a whole number from 1 to 100"));
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void listWithAnAlteredCursorIs400NamingCursor() {
        Fixtures.source(DEFAULT_NAME, Map.of());
        Fixtures.source(DEFAULT_NAME, Map.of());
        String next = given().queryParam("limit", 1).when().get(SOURCES).then().extract().path("next");
        String altered = (next.charAt(0) == 'A' ? "B" : "A") + next.substring(1);

        given().queryParam("cursor", altered)
                .when().get(SOURCES)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/invalid-cursor"))
                .body("errors[0].field", equalTo("cursor"));
    }

    // --- update --------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchWithTheCurrentEtagIs200AndBumpsTheVersion() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of("defaultAttribution", DEFAULT_ATTRIBUTION));
        ExtractableResponse<Response> before = given().when().get(SOURCE, slug).then().extract();
        int version = before.path("version");

        patch(slug, before.header("ETag"), Map.of("name", UPDATED_NAME, "defaultAttribution", UPDATED_ATTRIBUTION))
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern(VERSIONED_ETAG))
                .header("ETag", not(equalTo(before.header("ETag"))))
                .body("slug", equalTo(slug))
                .body("name", equalTo(UPDATED_NAME))
                .body("defaultAttribution", equalTo(UPDATED_ATTRIBUTION))
                .body("kind", equalTo(DEFAULT_KIND))
                .body("version", equalTo(version + 1));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .body("name", equalTo(UPDATED_NAME))
                .body("version", equalTo(version + 1));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchKeepsFieldsItLeavesOutAndMergesRights() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of("homepageUrl", DEFAULT_HOMEPAGE, "aliases", DEFAULT_ALIASES,
                "rights", Map.of("copyrightHolder", DEFAULT_COPYRIGHT_HOLDER, "syndicatable", false)));
        String etag = given().when().get(SOURCE, slug).then().extract().header("ETag");

        patch(slug, etag, Map.of("rights", Map.of("usageTerms", DEFAULT_USAGE_TERMS)))
                .then().statusCode(200)
                .body("name", equalTo(DEFAULT_NAME))
                .body("homepageUrl", equalTo(DEFAULT_HOMEPAGE))
                .body("aliases", equalTo(DEFAULT_ALIASES))
                .body("rights.copyrightHolder", equalTo(DEFAULT_COPYRIGHT_HOLDER))
                .body("rights.usageTerms", equalTo(DEFAULT_USAGE_TERMS))
                .body("rights.syndicatable", equalTo(false));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchWithNullClearsDefaultAttribution() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of("defaultAttribution", DEFAULT_ATTRIBUTION));
        String etag = given().when().get(SOURCE, slug).then().extract().header("ETag");

        given().contentType(MERGE_PATCH_JSON).header("If-Match", etag).body("{\"defaultAttribution\": null}")
                .when().patch(SOURCE, slug)
                .then().statusCode(200)
                .body("defaultAttribution", nullValue())
                .body("name", equalTo(DEFAULT_NAME));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .body("defaultAttribution", nullValue());
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchWithoutIfMatchIs428AndChangesNothing() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());

        given().contentType(MERGE_PATCH_JSON).body(Map.of("name", UPDATED_NAME))
                .when().patch(SOURCE, slug)
                .then().statusCode(428)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/precondition-required"))
                .body("status", equalTo(428))
                .body("errors[0].in", equalTo("header"))
                .body("errors[0].field", equalTo("If-Match"));

        given().when().get(SOURCE, slug).then().statusCode(200).body("name", equalTo(DEFAULT_NAME));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchWithAStaleEtagIs412AndChangesNothing() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String stale = given().when().get(SOURCE, slug).then().extract().header("ETag");
        patch(slug, stale, Map.of("defaultAttribution", DEFAULT_ATTRIBUTION)).then().statusCode(200);
        ExtractableResponse<Response> current = given().when().get(SOURCE, slug).then().extract();

        patch(slug, stale, Map.of("name", UPDATED_NAME))
                .then().statusCode(412)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/precondition-failed"))
                .body("status", equalTo(412))
                .body("detail", containsString("fetch it again"));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .header("ETag", equalTo(current.header("ETag")))
                .body("name", equalTo(DEFAULT_NAME))
                .body("version", equalTo(current.<Integer>path("version")));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchThatChangesTheSlugIs400AndChangesNothing() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String renamed = unique("renamed");
        String etag = given().when().get(SOURCE, slug).then().extract().header("ETag");

        patch(slug, etag, Map.of("slug", renamed, "name", UPDATED_NAME))
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", equalTo(List.of("slug")))
                .body("errors[0].message", containsString("cannot be changed"));

        given().when().get(SOURCE, slug).then().statusCode(200).body("name", equalTo(DEFAULT_NAME));
        assertNotStored(renamed);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchWithInvalidValuesIs400AndChangesNothing() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String etag = given().when().get(SOURCE, slug).then().extract().header("ETag");

        patch(slug, etag, Map.of("homepageUrl", "javascript:alert(1)", "kind", "newspaper"))
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("homepageUrl")));

        given().when().get(SOURCE, slug)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("kind", equalTo(DEFAULT_KIND))
                .body("homepageUrl", nullValue());
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void patchOfAnUnknownSourceIs404() {
        patch(unique("missing"), "\"v0-00\"", Map.of("name", UPDATED_NAME))
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/not-found"));
    }

    // --- delete --------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void deleteOfAnUnusedSourceIs204ThenItIsGone() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());

        given().when().delete(SOURCE, slug)
                .then().statusCode(204)
                .body(equalTo(""));

        assertNotStored(slug);
        given().when().delete(SOURCE, slug)
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void deleteOfASourceThatOriginatesAnArticleIs409AndKeepsIt() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        Fixtures.draft(Map.of("headline", "Grain shipments resume after talks", "source", slug));

        given().when().delete(SOURCE, slug)
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", containsString("used by 1 article"));

        given().when().get(SOURCE, slug).then().statusCode(200).body("name", equalTo(DEFAULT_NAME));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void deleteOfASourceThatAnArticleCitesIs409AndKeepsIt() {
        String origin = Fixtures.source(DEFAULT_NAME, Map.of());
        String cited = Fixtures.source("TASS", Map.of());
        Fixtures.published(Map.of("headline", "Ships leave port", "source", origin,
                "citedSources", List.of(Map.of("source", cited, "role", "cited", "note", "Reported the departure times"))));

        given().when().delete(SOURCE, cited)
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", containsString(cited));

        given().when().get(SOURCE, cited).then().statusCode(200).body("name", equalTo("TASS"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void deleteWithAStaleEtagIs412AndKeepsIt() {
        String slug = Fixtures.source(DEFAULT_NAME, Map.of());
        String stale = given().when().get(SOURCE, slug).then().extract().header("ETag");
        patch(slug, stale, Map.of("name", UPDATED_NAME)).then().statusCode(200);

        given().header("If-Match", stale)
                .when().delete(SOURCE, slug)
                .then().statusCode(412)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/precondition-failed"));

        given().when().get(SOURCE, slug).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "partner", roles = "partner")
    void partnerMayNotDelete() {
        given().when().delete(SOURCE, unique("any"))
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/forbidden"));
    }

    @Test
    void anonymousDeleteIs401() {
        given().when().delete(SOURCE, unique("any"))
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"byline\""))
                .contentType(PROBLEM_JSON);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Map<String, Object> fullSource(String slug) {
        Map<String, Object> source = new HashMap<>();
        source.put("slug", slug);
        source.put("name", DEFAULT_NAME);
        source.put("kind", DEFAULT_KIND);
        source.put("homepageUrl", DEFAULT_HOMEPAGE);
        source.put("aliases", DEFAULT_ALIASES);
        source.put("defaultAttribution", DEFAULT_ATTRIBUTION);
        source.put("rights", Map.of("copyrightHolder", DEFAULT_COPYRIGHT_HOLDER, "usageTerms", DEFAULT_USAGE_TERMS,
                "syndicatable", false));
        return source;
    }

    private static Response patch(String slug, String ifMatch, Map<String, Object> changes) {
        return given().contentType(MERGE_PATCH_JSON).header("If-Match", ifMatch).body(changes)
                .when().patch(SOURCE, slug);
    }

    /** Nothing was stored under {@code slug}: reading it is 404 and no page of the list shows it. */
    private static void assertNotStored(String slug) {
        given().when().get(SOURCE, slug)
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
        assertTrue(!allSlugs(100).contains(slug), "the list does not show " + slug);
    }

    /**
     * Every source's slug, walking the list {@code limit} at a time by the {@code Link: rel="next"} header, and
     * checking on the way that full pages come before the last, and that {@code next} and the header agree.
     */
    private static List<String> allSlugs(int limit) {
        List<String> slugs = new ArrayList<>();
        String url = SOURCES + "?limit=" + limit;
        while (url != null) {
            ExtractableResponse<Response> page = given().when().get(url)
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .header("ETag", notNullValue())
                    .body("items.size()", lessThanOrEqualTo(limit))
                    .extract();
            List<String> items = page.path("items.slug");
            slugs.addAll(items);
            String next = page.path("next");
            String link = page.header("Link");
            if (next == null) {
                assertEquals(null, link, "the last page has no Link header");
                url = null;
            } else {
                assertEquals(limit, items.size(), "only the last page may be short");
                Matcher matcher = LINK_NEXT.matcher(link);
                assertTrue(matcher.matches(), "Link header: " + link);
                url = matcher.group(1);
                assertTrue(url.contains("cursor=" + next), "the Link carries the next cursor: " + url);
                assertTrue(url.contains("limit=" + limit), "the Link keeps the limit: " + url);
            }
        }
        return slugs;
    }
}

package dev.byline.article;

import static io.restassured.RestAssured.given;
import static java.util.Map.entry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.As;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The single-article endpoints: create, read, edit, publish, withdraw, correct and delete. */
@QuarkusTest
class ArticleResourceTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static final String HEADLINE = "Grain shipments resume after talks";
    private static final String UPDATED_HEADLINE = "Grain ships leave port after deal";
    private static final String STANDFIRST = "Ships left port on Thursday under an arrangement reported by several outlets.";
    private static final String BODY_TEXT = "Cargo ships carrying grain left port on Thursday.\n\nMore are expected next week.";
    private static final String BODY_TEXT_AS_HTML =
            "<p>Cargo ships carrying grain left port on Thursday.</p><p>More are expected next week.</p>";
    private static final String BYLINE = "Foreign desk";
    private static final String DATELINE = "Istanbul";
    private static final String SECTION = "world";
    private static final String SOURCE_NAME = "Anatolia Wire";
    private static final String SOURCE_ATTRIBUTION = "Based on Anatolia Wire report";
    private static final String OWN_ATTRIBUTION = "Reported with Anatolia Wire";
    private static final String SOURCE_COPYRIGHT = "Anatolia Wire Ltd";
    private static final String SOURCE_TERMS = "Subscribers only.";
    private static final String OWN_TERMS = "Free to quote with credit.";
    private static final String WITHDRAWAL_REASON = "Withdrawn for legal reasons.";
    private static final String CORRECTION = "An earlier version misstated the number of ships.";
    private static final String SECOND_CORRECTION = "An earlier version misnamed the port.";

    private static final String ETAG = "\"v\\d+-[0-9a-f]+\"";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EntityManagerFactory entityManagerFactory;

    // ---- Creating ----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void createAnswers201WithLocationEtagAndTheDraft() {
        String source = Fixtures.source(SOURCE_NAME, Map.of());
        String cited = Fixtures.source("Black Sea Times", Map.of());
        String headline = Fixtures.unique(HEADLINE);
        String tag = Fixtures.unique("trade");

        ExtractableResponse<Response> created = given()
                .contentType(ContentType.JSON)
                .body(Map.ofEntries(
                        entry("headline", headline),
                        entry("standfirst", STANDFIRST),
                        entry("bodyText", BODY_TEXT),
                        entry("byline", BYLINE),
                        entry("dateline", DATELINE),
                        entry("section", SECTION),
                        entry("tags", List.of(tag, "shipping")),
                        entry("source", source),
                        entry("citedSources", List.of(Map.of("source", cited, "role", "quoted",
                                "note", "Reported the departure times", "url", "https://example.com/ships")))))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern("\"v0-[0-9a-f]+\""))
                .header("Location", startsWith("http"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("slug", equalTo(headline.toLowerCase().replace(' ', '-')))
                .body("headline", equalTo(headline))
                .body("standfirst", equalTo(STANDFIRST))
                .body("bodyText", equalTo(BODY_TEXT))
                .body("bodyHtml", equalTo(BODY_TEXT_AS_HTML))
                .body("byline", equalTo(BYLINE))
                .body("dateline", equalTo(DATELINE))
                .body("section", equalTo(SECTION))
                .body("tags", contains(tag, "shipping"))
                .body("language", equalTo("en"))
                .body("status", equalTo("draft"))
                .body("publishedAt", nullValue())
                .body("version", equalTo(0))
                .body("source.slug", equalTo(source))
                .body("source.name", equalTo(SOURCE_NAME))
                .body("source.kind", equalTo("wire-agency"))
                .body("citedSources[0].source.slug", equalTo(cited))
                .body("citedSources[0].source.name", equalTo("Black Sea Times"))
                .body("citedSources[0].role", equalTo("quoted"))
                .body("citedSources[0].note", equalTo("Reported the departure times"))
                .body("citedSources[0].url", equalTo("https://example.com/ships"))
                .body("commentsOpen", is(true))
                .body("commentCount", equalTo(0))
                .body("corrections", empty())
                .body("withdrawal", nullValue())
                .extract();

        String id = created.path("id");
        String location = created.header("Location");
        assertTrue(location.endsWith(ARTICLES + "/" + id), "Location names the new article: " + location);
        given().when().get(location)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("headline", equalTo(headline));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void slugIsMadeFromTheHeadlineFoldedToAscii() {
        String suffix = Fixtures.unique("x");

        given().contentType(ContentType.JSON).body(Map.of("headline", "Café opens in Zürich " + suffix))
                .when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo("cafe-opens-in-zurich-" + suffix));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void lettersThatHaveNoAccentToStripAreFoldedToo() {
        String suffix = Fixtures.unique("x");

        given().contentType(ContentType.JSON).body(Map.of("headline", "Straße near Øresund and Łódź closed, Æsir say " + suffix))
                .when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo("strasse-near-oresund-and-lodz-closed-aesir-say-" + suffix));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aSecondArticleWithTheSameHeadlineGetsTheNextFreeSlug() {
        String headline = Fixtures.unique(HEADLINE);
        String slug = headline.toLowerCase().replace(' ', '-');

        given().contentType(ContentType.JSON).body(Map.of("headline", headline))
                .when().post(ARTICLES).then().statusCode(201).body("slug", equalTo(slug));
        given().contentType(ContentType.JSON).body(Map.of("headline", headline))
                .when().post(ARTICLES).then().statusCode(201).body("slug", equalTo(slug + "-2"));
        given().contentType(ContentType.JSON).body(Map.of("headline", headline))
                .when().post(ARTICLES).then().statusCode(201).body("slug", equalTo(slug + "-3"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aGivenSlugIsUsedAndATakenOneIsRefusedWith409() {
        String slug = Fixtures.unique("grain-deal");
        String secondTag = Fixtures.unique("second");

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "slug", slug))
                .when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo(slug));

        given().contentType(ContentType.JSON).body(Map.of("headline", UPDATED_HEADLINE, "slug", slug, "tags", List.of(secondTag)))
                .when().post(ARTICLES)
                .then()
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/conflict"))
                .body("errors[0].field", equalTo("slug"));

        given().when().get(ARTICLES + "/" + slug).then().statusCode(200).body("headline", equalTo(HEADLINE));
        assertNoDraftTagged(secondTag);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void slugIsEditableAndTheOldOneRedirectsToTheNew() {
        String id = Fixtures.published(Map.of("headline", HEADLINE, "slug", Fixtures.unique("old-slug")));
        String oldSlug = given().get(ARTICLES + "/" + id).then().extract().path("slug");
        String newSlug = Fixtures.unique("new-slug");

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body(Map.of("slug", newSlug))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("slug", equalTo(newSlug));

        given().when().get(ARTICLES + "/" + newSlug).then().statusCode(200).body("id", equalTo(id));
        As.anonymous(() -> given().redirects().follow(false)
                .when().get(ARTICLES + "/" + oldSlug)
                .then()
                .statusCode(301)
                .header("Location", endsWith(ARTICLES + "/" + newSlug))
                .body(emptyString()));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleMayTakeBackASlugItHadBefore() {
        String firstSlug = Fixtures.unique("first-slug");
        String id = Fixtures.published(Map.of("headline", HEADLINE, "slug", firstSlug));
        String mistake = Fixtures.unique("mistaken-slug");
        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body(Map.of("slug", mistake))
                .when().patch(ARTICLES + "/" + id).then().statusCode(200);

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body(Map.of("slug", firstSlug))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("slug", equalTo(firstSlug));

        given().when().get(ARTICLES + "/" + firstSlug).then().statusCode(200).body("id", equalTo(id));
        given().redirects().follow(false).when().get(ARTICLES + "/" + mistake)
                .then().statusCode(301).header("Location", endsWith(ARTICLES + "/" + firstSlug));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aSlugOfAnotherArticleCannotBeTakenByEditing() {
        String taken = Fixtures.unique("taken");
        Fixtures.draft(Map.of("headline", HEADLINE, "slug", taken));
        String id = Fixtures.draft(Map.of("headline", UPDATED_HEADLINE));
        String etag = etagOf(id);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("slug", taken))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(409).body("errors[0].field", equalTo("slug"));

        given().when().get(ARTICLES + "/" + id).then().statusCode(200).header("ETag", equalTo(etag));
    }

    // ---- Bodies ------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void bodyHtmlIsSanitisedToTheAllowListKeepingSafeLinks() {
        String html = "<p class=\"lead\" style=\"color:red\">Read <span>the</span> <a href=\"https://example.com/r\">report</a>"
                + " or <a href=\"mailto:desk@example.com\">write</a>.</p><div><h2>Next</h2></div>";

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "bodyHtml", html))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .body("bodyHtml", equalTo("<p>Read the <a href=\"https://example.com/r\">report</a>"
                        + " or <a href=\"mailto:desk@example.com\">write</a>.</p><h2>Next</h2>"))
                .body("bodyText", equalTo("Read the report or write.\n\nNext"))
                .body("wordCount", equalTo(6));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void bodyTextBecomesEscapedParagraphs() {
        String text = "Fish & chips <b>cost</b> more.\n\nPrices rose 5% > last year.\nSay traders.";

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "bodyText", text))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .body("bodyHtml", equalTo("<p>Fish &amp; chips &lt;b&gt;cost&lt;/b&gt; more.</p>"
                        + "<p>Prices rose 5% &gt; last year.<br>Say traders.</p>"))
                .body("bodyText", equalTo(text));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void bothBodiesAtOnceAreRefusedAndNothingIsStored() {
        String slug = Fixtures.unique("both-bodies");

        given().contentType(ContentType.JSON)
                .body(Map.of("headline", HEADLINE, "slug", slug, "bodyHtml", "<p>One</p>", "bodyText", "Two"))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("bodyHtml"))
                .body("errors[0].message", containsString("not both"));

        assertSlugIsFree(slug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<p>Hi</p><script>alert(1)</script>             | <script>",
        "<p onclick=\"steal()\">Hi</p>                    | onclick",
        "<p><a href=\"javascript:steal()\">Hi</a></p>     | javascript:",
        "<p><a href=\" JaVa&#x09;ScRiPt:steal()\">Hi</a></p> | javascript:",
    })
    @TestSecurity(user = "editor", roles = "editor")
    void markupThatCouldRunCodeIsRefusedByNameAndNothingIsStored(String html, String named) {
        String slug = Fixtures.unique("unsafe");

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "slug", slug, "bodyHtml", html))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].field", equalTo("bodyHtml"))
                .body("errors[0].message", containsString(named))
                .body("detail", containsString(named));

        assertSlugIsFree(slug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "https://example.com/a|b",
        "https://example.com/{id}",
        "https://example.com/100%zz",
        "https://example.com/a\"b",
        "https:///no-host",
        "mailto:desk@example.com",
    })
    @TestSecurity(user = "editor", roles = "editor")
    void aCanonicalUrlThatDoesNotParseIsRefusedAndNothingIsStored(String url) {
        String slug = Fixtures.unique("badurl");

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "slug", slug, "bodyText", BODY_TEXT,
                        "canonicalUrl", url))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("canonicalUrl"))
                .body("errors[0].message", startsWith("must be an absolute http or https URL"));

        assertSlugIsFree(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void unsafeMarkupIsRefusedOnEditsTooAndTheArticleIsUnchanged() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "bodyText", BODY_TEXT));
        String etag = etagOf(id);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("bodyHtml", "<img src=x onerror=alert(1)>"))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("bodyHtml"))
                .body("errors[0].message", containsString("onerror"));

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag)).body("bodyText", equalTo(BODY_TEXT));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void wordCountAndReadingTimeAreComputedAt230WordsAMinute() {
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE))
                .when().post(ARTICLES)
                .then().statusCode(201).body("wordCount", equalTo(0)).body("readingTimeMinutes", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "bodyText", words(230)))
                .when().post(ARTICLES)
                .then().statusCode(201).body("wordCount", equalTo(230)).body("readingTimeMinutes", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "bodyHtml", "<p>" + words(231) + "</p>"))
                .when().post(ARTICLES)
                .then().statusCode(201).body("wordCount", equalTo(231)).body("readingTimeMinutes", equalTo(2));
    }

    // ---- Provenance --------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void unknownSourcesAreRefusedByFieldAndNothingIsStored() {
        String known = Fixtures.source(SOURCE_NAME, Map.of());
        String slug = Fixtures.unique("unknown-source");

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "slug", slug, "source", "no-such-source"))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("source"))
                .body("errors[0].message", containsString("no-such-source"));

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "slug", slug, "source", known,
                        "citedSources", List.of(Map.of("source", "no-such-source", "role", "cited"))))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .body("errors.field", contains("citedSources[0].source"));

        assertSlugIsFree(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void attributionDefaultsFromTheSourceAndTheArticlesOwnOverridesIt() {
        String source = Fixtures.source(SOURCE_NAME, Map.of("defaultAttribution", SOURCE_ATTRIBUTION));

        String id = given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "source", source))
                .when().post(ARTICLES)
                .then().statusCode(201).body("attribution", equalTo(SOURCE_ATTRIBUTION))
                .extract().path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("headline", HEADLINE, "source", source, "attribution", OWN_ATTRIBUTION))
                .when().post(ARTICLES)
                .then().statusCode(201).body("attribution", equalTo(OWN_ATTRIBUTION));

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body(Map.of("attribution", OWN_ATTRIBUTION))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("attribution", equalTo(OWN_ATTRIBUTION));
        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body("{\"attribution\": null}")
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("attribution", equalTo(SOURCE_ATTRIBUTION));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void rightsInheritFromTheSourceFieldByFieldUnlessTheArticleOverrides() {
        String source = Fixtures.source(SOURCE_NAME, Map.of("rights",
                Map.of("copyrightHolder", SOURCE_COPYRIGHT, "usageTerms", SOURCE_TERMS, "syndicatable", false)));

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "source", source))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .body("rights.copyrightHolder", equalTo(SOURCE_COPYRIGHT))
                .body("rights.usageTerms", equalTo(SOURCE_TERMS))
                .body("rights.syndicatable", is(false));

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "source", source,
                        "rights", Map.of("usageTerms", OWN_TERMS, "syndicatable", true)))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .body("rights.copyrightHolder", equalTo(SOURCE_COPYRIGHT))
                .body("rights.usageTerms", equalTo(OWN_TERMS))
                .body("rights.syndicatable", is(true));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void withoutASourceRightsAreOpenAndThereIsNoAttribution() {
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE))
                .when().post(ARTICLES)
                .then()
                .statusCode(201)
                .body("source", nullValue())
                .body("attribution", nullValue())
                .body("rights.copyrightHolder", nullValue())
                .body("rights.usageTerms", nullValue())
                .body("rights.syndicatable", is(true));
    }

    // ---- Reading -----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aPublishedArticleIsReadByIdOrSlugWithAnEtagAndPublicCaching() {
        String slug = Fixtures.unique("read-me");
        String id = Fixtures.published(Map.of("headline", HEADLINE, "slug", slug, "bodyText", BODY_TEXT));

        As.anonymous(() -> {
            String etag = given().when().get(ARTICLES + "/" + id)
                    .then()
                    .statusCode(200)
                    .header("ETag", matchesPattern(ETAG))
                    .header("Cache-Control", matchesPattern("public, .*max-age=\\d+.*"))
                    .body("id", equalTo(id))
                    .body("slug", equalTo(slug))
                    .body("status", equalTo("published"))
                    .body("publishedAt", notNullValue())
                    .extract().header("ETag");

            given().when().get(ARTICLES + "/" + slug)
                    .then().statusCode(200).header("ETag", equalTo(etag)).body("id", equalTo(id));

            given().header("If-None-Match", etag).when().get(ARTICLES + "/" + slug)
                    .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
            given().header("If-None-Match", "\"v0-0000\"").when().get(ARTICLES + "/" + id)
                    .then().statusCode(200).body("id", equalTo(id));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void draftsAreNotFoundForThePublicButVisibleToEditors() {
        String slug = Fixtures.unique("draft");
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "slug", slug));

        given().when().get(ARTICLES + "/" + id)
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("private, no-store"))
                .body("status", equalTo("draft"));
        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + id)
                    .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo("/problems/not-found"));
            given().when().get(ARTICLES + "/" + slug).then().statusCode(404);
        });
    }

    @Test
    void unknownIdsAndSlugsAreNotFound() {
        given().when().get(ARTICLES + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo("/problems/not-found"));
        given().when().get(ARTICLES + "/" + Fixtures.unique("never-written")).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void unknownIdsAreNotFoundForEditorsToo() {
        given().when().get(ARTICLES + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void readingOneArticleCostsAFewStatementsWhateverItCarries() {
        String source = Fixtures.source(SOURCE_NAME, Map.of());
        List<Map<String, Object>> citations = List.of(
                Map.of("source", Fixtures.source("One", Map.of()), "role", "cited"),
                Map.of("source", Fixtures.source("Two", Map.of()), "role", "photo"),
                Map.of("source", Fixtures.source("Three", Map.of()), "role", "quoted"));
        String slug = Fixtures.unique("costly");
        String id = Fixtures.published(Map.of("headline", HEADLINE, "slug", slug, "source", source, "citedSources", citations));
        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION)).post(ARTICLES + "/" + id + "/corrections")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("text", SECOND_CORRECTION)).post(ARTICLES + "/" + id + "/corrections")
                .then().statusCode(201);

        long statements = SqlStatements.during(entityManagerFactory, () -> given().when().get(ARTICLES + "/" + slug)
                .then().statusCode(200).body("citedSources.role", contains("cited", "photo", "quoted"))
                .body("corrections", hasSize(2))
                .body("webUrl", nullValue())); // no site configured here; WebUrlTest has one

        // The article with its source, cited sources and corrections, the slug resolved inside: one statement; and one
        // to store the rendition for every instance (StoredRenditions).
        assertEquals(2, statements, "GET one article ran " + statements + " statements");
        // Rendered once: the next reader, and a revalidation, are answered from memory.
        long again = SqlStatements.during(entityManagerFactory, () -> given().when().get(ARTICLES + "/" + slug)
                .then().statusCode(200).body("corrections", hasSize(2)));
        String etag = given().when().get(ARTICLES + "/" + slug).then().extract().header("ETag");
        long revalidated = SqlStatements.during(entityManagerFactory, () -> given().header("If-None-Match", etag)
                .when().get(ARTICLES + "/" + slug).then().statusCode(304));
        assertEquals(0, again, "a second GET of the same article ran " + again + " statements");
        assertEquals(0, revalidated, "a 304 ran " + revalidated + " statements");
    }

    // ---- Editing -----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void editingNeedsIfMatch() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String etag = etagOf(id);

        given().contentType(MERGE_PATCH).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(428)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/precondition-required"));

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag)).body("headline", equalTo(HEADLINE));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void editingWithAStaleEtagIsRefusedWith412AndChangesNothing() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String original = etagOf(id);
        given().contentType(MERGE_PATCH).header("If-Match", original).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(ARTICLES + "/" + id).then().statusCode(200);
        String current = etagOf(id);

        given().contentType(MERGE_PATCH).header("If-Match", original).body(Map.of("headline", "Lost update"))
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(412)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/precondition-failed"));

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(current)).body("headline", equalTo(UPDATED_HEADLINE));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void editingWithTheCurrentEtagChangesOnlyTheFieldsSentAndRaisesTheVersion() {
        String tag = Fixtures.unique("kept");
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "standfirst", STANDFIRST, "bodyText", BODY_TEXT,
                "tags", List.of(tag)));
        String etag = etagOf(id);

        String newEtag = given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(200)
                .header("ETag", matchesPattern("\"v1-[0-9a-f]+\""))
                .body("version", equalTo(1))
                .body("headline", equalTo(UPDATED_HEADLINE))
                .body("standfirst", equalTo(STANDFIRST))
                .body("bodyText", equalTo(BODY_TEXT))
                .body("tags", contains(tag))
                .extract().header("ETag");

        assertNotEquals(etag, newEtag);
        given().header("If-None-Match", newEtag).when().get(ARTICLES + "/" + id).then().statusCode(304);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void editingWithPlainJsonIsAcceptedToo() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));

        given().contentType(ContentType.JSON).header("If-Match", etagOf(id)).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("headline", equalTo(UPDATED_HEADLINE));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void nullClearsAnOptionalField() {
        String source = Fixtures.source(SOURCE_NAME, Map.of("defaultAttribution", SOURCE_ATTRIBUTION));
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "standfirst", STANDFIRST, "byline", BYLINE,
                "source", source, "tags", List.of("trade")));

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id))
                .body("{\"standfirst\": null, \"source\": null, \"tags\": null}")
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(200)
                .body("standfirst", nullValue())
                .body("source", nullValue())
                .body("attribution", nullValue())
                .body("tags", empty())
                .body("byline", equalTo(BYLINE));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sendingBodyTextReplacesAnHtmlBody() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "bodyHtml", "<p>Old <em>words</em></p>"));

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body(Map.of("bodyText", BODY_TEXT))
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(200).body("bodyHtml", equalTo(BODY_TEXT_AS_HTML)).body("bodyText", equalTo(BODY_TEXT));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void unknownFieldsAreRefusedByName() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String etag = etagOf(id);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("headline", UPDATED_HEADLINE, "hedline", "Typo"))
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("hedline"))
                .body("errors[0].message", containsString("unknown field"));
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE, "hedline", "Typo"))
                .when().post(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo("hedline"));

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag)).body("headline", equalTo(HEADLINE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"headline\": 5}                               | headline",
        "{\"tags\": \"trade\"}                           | tags",
        "{\"commentsOpen\": \"maybe\"}                   | commentsOpen",
        "{\"citedSources\": [{\"source\": \"x\", \"role\": \"boss\"}]} | citedSources[0].role",
        "{\"rights\": {\"syndicatable\": [true]}}          | rights.syndicatable",
    })
    @TestSecurity(user = "editor", roles = "editor")
    void valuesOfTheWrongTypeAreRefusedNamingTheField(String patch, String field) {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String etag = etagOf(id);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body(patch)
                .when().patch(ARTICLES + "/" + id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].field", equalTo(field));
        String input = patch.contains("\"headline\"") ? patch
                : patch.replaceFirst("\\{", "{\"headline\": \"" + HEADLINE + "\", ");
        given().contentType(ContentType.JSON).body(input)
                .when().post(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo(field));

        given().when().get(ARTICLES + "/" + id).then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aBodyThatIsNotJsonIsRefusedAsMalformed() {
        given().contentType(ContentType.JSON).body("{\"headline\": \"" + HEADLINE + "\",")
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnknownCitationRoleIsRefusedListingTheRoles() {
        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE,
                        "citedSources", List.of(Map.of("source", "any", "role", "boss"))))
                .when().post(ARTICLES)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("citedSources[0].role"))
                .body("errors[0].message", equalTo("must be one of: cited, quoted, photo, video, supplied, other"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void theSlugCannotBeRemoved() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));

        given().contentType(MERGE_PATCH).header("If-Match", etagOf(id)).body("{\"slug\": null}")
                .when().patch(ARTICLES + "/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("slug"));
    }

    // ---- Publishing, withdrawing, correcting -------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void publishingWithoutABodyPublishesNow() {
        Instant before = Instant.now().minusSeconds(5);
        String id = Fixtures.draft(Map.of("headline", HEADLINE));

        String publishedAt = given().when().post(ARTICLES + "/" + id + "/publish")
                .then()
                .statusCode(200)
                .header("ETag", matchesPattern("\"v1-[0-9a-f]+\""))
                .body("status", equalTo("published"))
                .body("version", equalTo(1))
                .extract().path("publishedAt");

        Instant at = Instant.parse(publishedAt);
        assertTrue(at.isAfter(before) && at.isBefore(Instant.now().plusSeconds(5)), "published now, not " + at);
        As.anonymous(() -> given().when().get(ARTICLES + "/" + id).then().statusCode(200).body("status", equalTo("published")));
        given().when().post(ARTICLES + "/" + id + "/publish")
                .then().statusCode(409).contentType(PROBLEM_JSON).body("type", equalTo("/problems/conflict"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aFuturePublishTimeSchedulesTheArticleOutOfPublicSight() {
        String tag = Fixtures.unique("scheduled");
        String id = Fixtures.draft(Map.of("headline", HEADLINE, "tags", List.of(tag)));
        String publishAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        given().contentType(ContentType.JSON).body(Map.of("publishAt", publishAt))
                .when().post(ARTICLES + "/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("scheduled"))
                .body("publishedAt", equalTo(publishAt));

        given().when().get(ARTICLES + "?status=scheduled&tag=" + tag)
                .then().statusCode(200).body("items.id", contains(id));
        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + id).then().statusCode(404);
            given().when().get(ARTICLES + "?tag=" + tag).then().statusCode(200).body("items", empty());
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aPublishTimeInThePastIsRefused() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String etag = etagOf(id);

        given().contentType(ContentType.JSON).body(Map.of("publishAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()))
                .when().post(ARTICLES + "/" + id + "/publish")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("publishAt"));

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag)).body("status", equalTo("draft"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void publishingWithAStaleIfMatchIsRefused() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));
        String stale = etagOf(id);
        given().contentType(MERGE_PATCH).header("If-Match", stale).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(ARTICLES + "/" + id).then().statusCode(200);

        given().header("If-Match", stale).when().post(ARTICLES + "/" + id + "/publish").then().statusCode(412);

        given().when().get(ARTICLES + "/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aWithdrawnArticleIsGoneForThePublicWithTheReason() {
        String slug = Fixtures.unique("withdrawn");
        String id = Fixtures.published(Map.of("headline", HEADLINE, "slug", slug));

        given().contentType(ContentType.JSON).body(Map.of("reason", WITHDRAWAL_REASON))
                .when().post(ARTICLES + "/" + id + "/withdraw")
                .then()
                .statusCode(200)
                .header("ETag", matchesPattern(ETAG))
                .body("status", equalTo("withdrawn"))
                .body("withdrawal.reason", equalTo(WITHDRAWAL_REASON))
                .body("withdrawal.withdrawnAt", notNullValue());

        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + id)
                    .then()
                    .statusCode(410)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo("/problems/gone"))
                    .body("detail", containsString(WITHDRAWAL_REASON));
            given().when().get(ARTICLES + "/" + slug).then().statusCode(410);
        });
        given().when().get(ARTICLES + "/" + id).then().statusCode(200).body("withdrawal.reason", equalTo(WITHDRAWAL_REASON));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void withdrawingADraftIsAConflict() {
        String id = Fixtures.draft(Map.of("headline", HEADLINE));

        given().contentType(ContentType.JSON).body(Map.of("reason", WITHDRAWAL_REASON))
                .when().post(ARTICLES + "/" + id + "/withdraw")
                .then().statusCode(409).contentType(PROBLEM_JSON).body("type", equalTo("/problems/conflict"));

        given().when().get(ARTICLES + "/" + id).then().body("status", equalTo("draft")).body("withdrawal", nullValue());
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void withdrawingNeedsAReason() {
        String id = Fixtures.published(Map.of("headline", HEADLINE));

        given().contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post(ARTICLES + "/" + id + "/withdraw")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));

        given().when().get(ARTICLES + "/" + id).then().body("status", equalTo("published"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void correctionsAreAppendedInOrderAndRaiseTheVersion() {
        String id = Fixtures.published(Map.of("headline", HEADLINE));

        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(ARTICLES + "/" + id + "/corrections")
                .then()
                .statusCode(201)
                .header("Location", endsWith(ARTICLES + "/" + id))
                .header("ETag", matchesPattern("\"v2-[0-9a-f]+\""))
                .body("version", equalTo(2))
                .body("corrections.text", contains(CORRECTION))
                .body("corrections[0].id", notNullValue())
                .body("corrections[0].createdAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("text", SECOND_CORRECTION))
                .when().post(ARTICLES + "/" + id + "/corrections")
                .then().statusCode(201).body("version", equalTo(3)).body("corrections.text", contains(CORRECTION, SECOND_CORRECTION));

        As.anonymous(() -> given().when().get(ARTICLES + "/" + id)
                .then().statusCode(200).body("corrections.text", contains(CORRECTION, SECOND_CORRECTION)));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aCorrectionNeedsText() {
        String id = Fixtures.published(Map.of("headline", HEADLINE));

        given().contentType(ContentType.JSON).body(Map.of("text", ""))
                .when().post(ARTICLES + "/" + id + "/corrections")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));

        given().when().get(ARTICLES + "/" + id).then().body("corrections", empty()).body("version", equalTo(1));
    }

    // ---- Deleting ----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void deletingNeedsIfMatch() {
        String id = Fixtures.published(Map.of("headline", HEADLINE));

        given().when().delete(ARTICLES + "/" + id)
                .then().statusCode(428).contentType(PROBLEM_JSON).body("type", equalTo("/problems/precondition-required"));
        given().header("If-Match", "\"v0-0\"").when().delete(ARTICLES + "/" + id).then().statusCode(412);

        given().when().get(ARTICLES + "/" + id).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aDeletedArticleIsGoneByIdAndSlugAndItsSlugIsNeverReused() {
        String headline = Fixtures.unique(HEADLINE);
        String slug = headline.toLowerCase().replace(' ', '-');
        String id = Fixtures.published(Map.of("headline", headline, "source", Fixtures.source(SOURCE_NAME, Map.of()),
                "citedSources", List.of(Map.of("source", Fixtures.source("Cited", Map.of()), "role", "cited"))));
        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION)).post(ARTICLES + "/" + id + "/corrections");

        given().header("If-Match", etagOf(id)).when().delete(ARTICLES + "/" + id)
                .then().statusCode(204).body(emptyString());

        given().when().get(ARTICLES + "/" + id)
                .then().statusCode(410).contentType(PROBLEM_JSON).body("type", equalTo("/problems/gone"));
        given().when().get(ARTICLES + "/" + slug).then().statusCode(410);
        As.anonymous(() -> {
            given().when().get(ARTICLES + "/" + id).then().statusCode(410);
            given().when().get(ARTICLES + "/" + slug).then().statusCode(410);
        });
        given().header("If-Match", "*").when().delete(ARTICLES + "/" + id).then().statusCode(410);

        given().contentType(ContentType.JSON).body(Map.of("headline", headline))
                .when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo(slug + "-2"));
        given().contentType(ContentType.JSON).body(Map.of("headline", headline, "slug", slug))
                .when().post(ARTICLES)
                .then().statusCode(409);
    }

    // ---- Who may write -----------------------------------------------------------------------------------------

    @Test
    void theAnonymousPublicMayNotWrite() {
        String id = As.editor(() -> Fixtures.published(Map.of("headline", HEADLINE)));
        String etag = etagOf(id);
        String article = ARTICLES + "/" + id;

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE))
                .when().post(ARTICLES).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/unauthenticated"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(article).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("If-Match", etag).when().delete(article)
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().when().post(article + "/publish").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().contentType(ContentType.JSON).body(Map.of("reason", WITHDRAWAL_REASON))
                .when().post(article + "/withdraw").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(article + "/corrections").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));

        given().when().get(article).then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    @TestSecurity(user = "reader", roles = "partner")
    void partnersMayReadButNotWrite() {
        String id = As.editor(() -> Fixtures.published(Map.of("headline", HEADLINE)));
        String etag = etagOf(id);
        String article = ARTICLES + "/" + id;

        given().contentType(ContentType.JSON).body(Map.of("headline", HEADLINE))
                .when().post(ARTICLES).then().statusCode(403)
                .contentType(PROBLEM_JSON).body("type", equalTo("/problems/forbidden"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("headline", UPDATED_HEADLINE))
                .when().patch(article).then().statusCode(403);
        given().header("If-Match", etag).when().delete(article).then().statusCode(403);
        given().when().post(article + "/publish").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("reason", WITHDRAWAL_REASON))
                .when().post(article + "/withdraw").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(article + "/corrections").then().statusCode(403);

        given().when().get(article).then().statusCode(200).header("ETag", equalTo(etag)).body("headline", equalTo(HEADLINE));
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private static String etagOf(String id) {
        return given().when().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    /** As an editor: no article has this slug, current or former. */
    private static void assertSlugIsFree(String slug) {
        given().when().get(ARTICLES + "/" + slug).then().statusCode(404);
    }

    /** As an editor: no draft carries this tag. */
    private static void assertNoDraftTagged(String tag) {
        given().when().get(ARTICLES + "?status=draft&tag=" + tag).then().statusCode(200).body("items", empty());
    }

    private static String words(int count) {
        return String.join(" ", Collections.nCopies(count, "grain"));
    }
}

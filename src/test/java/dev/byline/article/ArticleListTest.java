package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.As;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/articles: who sees what, filters, sorts, and keyset pages that neither repeat nor skip. */
@QuarkusTest
class ArticleListTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private static final String HEADLINE = "Grain shipments resume after talks";
    private static final String BODY_TEXT = "Cargo ships carrying grain left port on Thursday.";
    private static final String WITHDRAWAL_REASON = "Withdrawn for legal reasons.";
    private static final String CORRECTION = "An earlier version misstated the number of ships.";

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    EntityManager entityManager;

    @Inject
    SearchLanguages searchLanguages;

    // ---- Who sees what -----------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void thePublicSeesPublishedArticlesOnlyNewestFirst() {
        String tag = Fixtures.unique("front-page");
        String first = Fixtures.published(tagged(tag, "First"));
        String second = Fixtures.published(tagged(tag, "Second"));
        String third = Fixtures.published(tagged(tag, "Third"));
        Fixtures.draft(tagged(tag, "Draft"));
        schedule(Fixtures.draft(tagged(tag, "Scheduled")));
        withdraw(Fixtures.published(tagged(tag, "Withdrawn")));

        As.anonymous(() -> given().queryParam("tag", tag)
                .when().get(ARTICLES)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", notNullValue())
                .header("Cache-Control", matchesPattern("public, .*max-age=\\d+.*"))
                .body("items.id", contains(third, second, first))
                .body("items.status", everyItem(equalTo("published")))
                .body("items.headline", contains("Third", "Second", "First"))
                .body("items.webUrl", everyItem(nullValue())) // no site configured here; WebUrlTest has one
                .body("next", nullValue()));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aListAnswers304ToItsOwnEtag() {
        String tag = Fixtures.unique("etag");
        Fixtures.published(tagged(tag, HEADLINE));

        As.anonymous(() -> {
            String etag = given().queryParam("tag", tag).when().get(ARTICLES).then().statusCode(200).extract().header("ETag");

            given().queryParam("tag", tag).header("If-None-Match", etag)
                    .when().get(ARTICLES)
                    .then().statusCode(304).body(emptyString());
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void editorsListDraftsScheduledAndWithdrawnArticlesByStatus() {
        String tag = Fixtures.unique("desk");
        String published = Fixtures.published(tagged(tag, "Published"));
        String draft = Fixtures.draft(tagged(tag, "Draft"));
        String scheduled = schedule(Fixtures.draft(tagged(tag, "Scheduled")));
        String withdrawn = withdraw(Fixtures.published(tagged(tag, "Withdrawn")));

        given().queryParam("tag", tag).queryParam("status", "draft").when().get(ARTICLES)
                .then().statusCode(200).header("Cache-Control", equalTo("private, no-store"))
                .body("items.id", contains(draft)).body("items[0].status", equalTo("draft"));
        given().queryParam("tag", tag).queryParam("status", "scheduled").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(scheduled)).body("items[0].status", equalTo("scheduled"));
        given().queryParam("tag", tag).queryParam("status", "withdrawn").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(withdrawn)).body("items[0].status", equalTo("withdrawn"));
        given().queryParam("tag", tag).queryParam("status", "published").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(published));
        given().queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(published));
    }

    @Test
    void thePublicMayNotListByAnyStatusButPublished() {
        given().queryParam("status", "draft").when().get(ARTICLES)
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("/problems/forbidden"));
        given().queryParam("status", "withdrawn").when().get(ARTICLES).then().statusCode(403);
        given().queryParam("status", "published").queryParam("limit", 1).when().get(ARTICLES).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "reader", roles = "partner")
    void partnersMayNotListDraftsEither() {
        given().queryParam("status", "draft").when().get(ARTICLES)
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("/problems/forbidden"));
        given().queryParam("status", "scheduled").when().get(ARTICLES).then().statusCode(403);
    }

    // ---- Filters -----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sectionFilters() {
        String tag = Fixtures.unique("sections");
        String section = Fixtures.unique("world");
        String inSection = Fixtures.published(with(tagged(tag, HEADLINE), "section", section));
        Fixtures.published(with(tagged(tag, HEADLINE), "section", Fixtures.unique("sport")));
        Fixtures.published(tagged(tag, HEADLINE));

        given().queryParam("tag", tag).queryParam("section", section).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(inSection)).body("items[0].section", equalTo(section));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void everyTagGivenMustMatch() {
        String tag = Fixtures.unique("trade");
        String other = Fixtures.unique("shipping");
        String both = Fixtures.published(Map.of("headline", "Both", "tags", List.of(tag, other)));
        String onlyFirst = Fixtures.published(Map.of("headline", "Only first", "tags", List.of(tag)));
        Fixtures.published(Map.of("headline", "Only other", "tags", List.of(other)));

        given().queryParam("tag", tag, other).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(both));
        given().queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(onlyFirst, both));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sourceFiltersOnTheOriginatingSource() {
        String tag = Fixtures.unique("sourced");
        String source = Fixtures.source("Anatolia Wire", Map.of());
        String other = Fixtures.source("Black Sea Times", Map.of());
        String fromSource = Fixtures.published(with(tagged(tag, HEADLINE), "source", source));
        Fixtures.published(with(with(tagged(tag, HEADLINE), "source", other),
                "citedSources", List.of(Map.of("source", source, "role", "cited"))));
        Fixtures.published(tagged(tag, HEADLINE));

        given().queryParam("tag", tag).queryParam("source", source).when().get(ARTICLES)
                .then()
                .statusCode(200)
                .body("items.id", contains(fromSource))
                .body("items[0].source.slug", equalTo(source))
                .body("items[0].source.name", equalTo("Anatolia Wire"))
                .body("items[0].source.kind", equalTo("wire-agency"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void languageFilters() {
        String tag = Fixtures.unique("languages");
        String french = Fixtures.published(with(tagged(tag, "Les cargos reprennent la mer"), "language", "fr"));
        String english = Fixtures.published(tagged(tag, HEADLINE));

        given().queryParam("tag", tag).queryParam("language", "fr").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(french)).body("items[0].language", equalTo("fr"));
        given().queryParam("tag", tag).queryParam("language", "en").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(english));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void fromIsInclusiveAndToIsExclusiveOnThePublicationTime() {
        String tag = Fixtures.unique("timeline");
        String earlier = Fixtures.published(tagged(tag, "Earlier"));
        String later = Fixtures.published(tagged(tag, "Later"));
        String laterAt = given().get(ARTICLES + "/" + later).then().extract().path("publishedAt");

        given().queryParam("tag", tag).queryParam("from", laterAt).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(later));
        given().queryParam("tag", tag).queryParam("to", laterAt).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(earlier));
        given().queryParam("tag", tag).queryParam("from", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .when().get(ARTICLES)
                .then().statusCode(200).body("items", empty());
        given().queryParam("tag", tag).queryParam("from", laterAt).queryParam("to", laterAt).when().get(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("tag", tag).queryParam("from", "yesterday").when().get(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void updatedSinceFindsArticlesChangedAtOrAfterATime() {
        String tag = Fixtures.unique("changes");
        String corrected = Fixtures.published(tagged(tag, "Corrected"));
        Fixtures.published(tagged(tag, "Untouched"));
        String correctedAt = given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(ARTICLES + "/" + corrected + "/corrections")
                .then().statusCode(201).extract().path("updatedAt");

        given().queryParam("tag", tag).queryParam("updatedSince", correctedAt).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(corrected)).body("items[0].updatedAt", equalTo(correctedAt));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void searchRanksHeadlineMatchesThenStandfirstMatchesThenBodyMatches() {
        String word = uniqueWord();
        String inHeadline = Fixtures.published(Map.of("headline", "Harbour reopens as " + word + " arrives",
                "bodyText", BODY_TEXT));
        String inStandfirst = Fixtures.published(Map.of("headline", "Harbour reopens",
                "standfirst", "The " + word + " is expected on Friday.", "bodyText", BODY_TEXT));
        String inBody = Fixtures.published(Map.of("headline", "Harbour news",
                "bodyText", "Officials confirmed that " + word + " would dock on Friday."));
        Fixtures.published(Map.of("headline", "Harbour unrelated", "bodyText", BODY_TEXT));

        // Newest first would put the body match first; relevance, the default with q, must not.
        given().queryParam("q", word).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(inHeadline, inStandfirst, inBody));
        given().queryParam("q", word).queryParam("sort", "relevance").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(inHeadline, inStandfirst, inBody));
        given().queryParam("q", word).queryParam("sort", "newest").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(inBody, inStandfirst, inHeadline));

        assertEquals(List.of(inHeadline, inStandfirst, inBody), allIds(ARTICLES + "?limit=1&q=" + word));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void searchRanksByWhereTheWordsAreThenNewestFirst() {
        String word = uniqueWord();
        String older = Fixtures.published(Map.of("headline", word + " talks resume", "bodyText", BODY_TEXT));
        String newer = Fixtures.published(Map.of("headline", word + " talks end", "bodyText", BODY_TEXT));
        String twoWordsInHeadline = Fixtures.published(Map.of("headline", word + " talks on grain",
                "bodyText", BODY_TEXT));
        String oneWordInHeadline = Fixtures.published(Map.of("headline", word + " talks",
                "standfirst", "Grain ships wait.", "bodyText", BODY_TEXT));

        given().queryParam("q", word).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(oneWordInHeadline, twoWordsInHeadline, newer, older));
        // Both words in the headline, then spread over headline and standfirst, then only with the body (BODY_TEXT).
        given().queryParam("q", word + " grain").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(twoWordsInHeadline, oneWordInHeadline, newer, older));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void searchRanksEveryMatchNotOnlyTheNewest() {
        String word = uniqueWord();
        String inHeadline = Fixtures.published(Map.of("headline", "Harbour reopens as " + word + " arrives",
                "bodyText", BODY_TEXT));
        String inStandfirst = Fixtures.published(Map.of("headline", "Harbour reopens",
                "standfirst", "The " + word + " is expected on Friday.", "bodyText", BODY_TEXT));
        backdate(List.of(inHeadline, inStandfirst), "3 years");
        List<String> inBody = publishWithWordInBody(word, 1000);
        try {
            List<String> ranked = allIds(ARTICLES + "?limit=100&q=" + word);

            assertEquals(1002, ranked.size(), "every match is ranked");
            assertEquals(List.of(inHeadline, inStandfirst), ranked.subList(0, 2),
                    "old articles with the word in the headline or standfirst come before 1000 newer body matches");
            assertEquals(inBody, ranked.subList(2, ranked.size()), "body matches come newest first");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("delete from article where slug like ?1").setParameter(1, word + "-body-%")
                    .executeUpdate());
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aWordExcludedFromTheSearchIsLookedForInTheBodyToo() {
        String word = uniqueWord();
        String excluded = uniqueWord();
        String wanted = Fixtures.published(Map.of("headline", "Harbour reopens as " + word + " arrives",
                "bodyText", BODY_TEXT));
        Fixtures.published(Map.of("headline", "Harbour reopens as " + word + " arrives",
                "bodyText", "Officials said " + excluded + " would follow."));

        given().queryParam("q", word + " -" + excluded).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(wanted));
    }

    // ---- Searching in every language -------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aRussianQueryFindsTheInflectedFormsOfItsWords() {
        String tag = Fixtures.unique("vybory");
        String results = Fixtures.published(Map.of("headline", "Итоги выборов в Москве", "language", "ru",
                "bodyText", "Избирательная комиссия подвела итоги голосования.", "tags", List.of(tag)));
        String turnout = Fixtures.published(Map.of("headline", "Явка на выборах превысила половину", "language", "ru",
                "bodyText", "Голосование продлится до вечера.", "tags", List.of(tag)));
        Fixtures.published(Map.of("headline", "Погода в Москве", "language", "ru",
                "bodyText", "Завтра ожидается снег.", "tags", List.of(tag)));

        // выборы (nominative) finds выборов (genitive) and выборах (prepositional), ranked by where they are.
        given().queryParam("q", "выборы").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(turnout, results));
        given().queryParam("q", "выборах").queryParam("language", "ru").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(turnout, results));
        given().queryParam("q", "голосованием").queryParam("tag", tag).queryParam("sort", "newest").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(turnout, results));
        given().queryParam("q", "\"итоги выборов\"").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(results));
        given().queryParam("q", "выборы -явка").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(results));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArabicQueryFindsTheWordWithItsArticleAndPrefixes() {
        String tag = Fixtures.unique("hukuma");
        String announcement = Fixtures.published(Map.of("headline", "الحكومة تعلن نتائج الانتخابات", "language", "ar",
                "bodyText", "أعلنت اللجنة النتائج مساء الأحد.", "tags", List.of(tag)));
        String support = Fixtures.published(Map.of("headline", "دعم واسع للحكومات المحلية", "language", "ar",
                "bodyText", "قال المسؤولون إن الدعم سيستمر.", "tags", List.of(tag)));
        Fixtures.published(Map.of("headline", "ارتفاع أسعار النفط", "language", "ar",
                "bodyText", "ارتفعت الأسعار في الأسواق العالمية.", "tags", List.of(tag)));

        // حكومة (a government) finds الحكومة (the government) and للحكومات (for the governments).
        given().queryParam("q", "حكومة").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(support, announcement));
        given().queryParam("q", "للحكومة").queryParam("language", "ar").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(support, announcement));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void eachArticleIsMatchedInItsOwnLanguageWhateverTheOthers() {
        String tag = Fixtures.unique("mixed");
        String english = Fixtures.published(Map.of("headline", "Grain shipments resume", "language", "en",
                "bodyText", "Cargo ships left port.", "tags", List.of(tag)));
        String opinion = Fixtures.published(Map.of("headline", "Grain deal: our opinions", "language", "en",
                "bodyText", "Two columnists disagree.", "tags", List.of(tag)));
        String russian = Fixtures.published(Map.of("headline", "Поставки зерна возобновлены", "language", "ru",
                "bodyText", "Суда с зерном покинули порт.", "tags", List.of(tag)));

        // English stems as before (shipment, opinion), whatever other languages the catalogue holds; an excluded
        // word is excluded in every form the article's language gives it.
        given().queryParam("q", "shipment").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(english));
        given().queryParam("q", "grain -opinion").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(english));
        given().queryParam("q", "зерно").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(russian));
        given().queryParam("q", "grain").queryParam("language", "ru").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items", empty());
        given().queryParam("q", "grain").queryParam("tag", tag).queryParam("sort", "newest").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(opinion, english));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleInALanguageTheSearchDoesNotNameIsFoundByItsOwnStemmingToo() {
        // es-419 (Latin American Spanish) is never written through this instance's API, so no search names it and
        // its articles go through the catch-all branch: exact, only slower.
        assertFalse(searchLanguages.known().contains("es-419"), "es-419 is left to the catch-all");
        String tag = Fixtures.unique("elecciones");
        String spanish = Fixtures.published(Map.of("headline", "Resultados de las elecciones presidenciales",
                "bodyText", "La comisión publicó los resultados.", "tags", List.of(tag)));
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update article set language = 'es-419', version = version + 1 where id = ?1")
                .setParameter(1, UUID.fromString(spanish)).executeUpdate());
        Fixtures.published(Map.of("headline", "Elections: the results", "tags", List.of(tag)));

        for (String sort : List.of("relevance", "newest")) {
            given().queryParam("q", "elección").queryParam("tag", tag).queryParam("sort", sort).when().get(ARTICLES)
                    .then().statusCode(200).body("items.id", contains(spanish));
            given().queryParam("q", "resultado -presidencial").queryParam("tag", tag).queryParam("sort", sort)
                    .when().get(ARTICLES).then().statusCode(200).body("items", empty());
        }
        given().queryParam("q", "elección").queryParam("language", "es-419").queryParam("tag", tag).when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(spanish));
    }

    // ---- Sorting -----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void sortOrdersByOldestOrLastUpdate() {
        String tag = Fixtures.unique("sorting");
        String first = Fixtures.published(tagged(tag, "First"));
        String second = Fixtures.published(tagged(tag, "Second"));
        String third = Fixtures.published(tagged(tag, "Third"));
        given().contentType(ContentType.JSON).body(Map.of("text", CORRECTION))
                .when().post(ARTICLES + "/" + first + "/corrections").then().statusCode(201);

        given().queryParam("tag", tag).queryParam("sort", "newest").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(third, second, first));
        given().queryParam("tag", tag).queryParam("sort", "oldest").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(first, second, third));
        given().queryParam("tag", tag).queryParam("sort", "updated").when().get(ARTICLES)
                .then().statusCode(200).body("items.id", contains(first, third, second));
    }

    @Test
    void relevanceNeedsASearch() {
        given().queryParam("sort", "relevance").when().get(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].field", equalTo("sort"));
        given().queryParam("sort", "random").when().get(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    // ---- Pages -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "abc", "-1", "2.5"})
    void limitMustBeAWholeNumberFrom1To100(String limit) {
        given().queryParam("limit", limit).when().get(ARTICLES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].field", equalTo("limit"))
                .body("detail", containsString("limit"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void limitSetsThePageSizeFrom1To100() {
        String tag = Fixtures.unique("sizes");
        for (int i = 0; i < 3; i++) {
            Fixtures.published(tagged(tag, HEADLINE));
        }

        given().queryParam("tag", tag).queryParam("limit", 1).when().get(ARTICLES)
                .then().statusCode(200).body("items", hasSize(1)).body("next", notNullValue());
        given().queryParam("tag", tag).queryParam("limit", 100).when().get(ARTICLES)
                .then().statusCode(200).body("items", hasSize(3)).body("next", nullValue());
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void pagesFollowedByTheLinkHeaderCoverEveryArticleOnce() {
        String tag = Fixtures.unique("pages");
        List<String> newestFirst = publishNewestFirst(tag, 7);

        List<String> seen = new ArrayList<>();
        String url = ARTICLES + "?limit=3&tag=" + tag;
        int pages = 0;
        while (url != null) {
            ExtractableResponse<Response> page = given().when().get(url).then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            pages++;
            String next = page.path("next");
            String link = page.header("Link");
            if (next == null) {
                assertNull(link, "the last page has no Link: rel=next");
                url = null;
            } else {
                assertNotNull(link, "a page with a next cursor has a Link header");
                Matcher target = NEXT_LINK.matcher(link);
                assertTrue(target.matches(), "Link: " + link);
                url = target.group(1);
                assertTrue(url.contains("cursor=" + next) && url.contains("tag=" + tag) && url.contains("limit=3"),
                        "the next link keeps the filters and carries the cursor: " + url);
            }
        }

        assertEquals(3, pages);
        assertEquals(newestFirst, seen);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticlePublishedBetweenPagesNeitherRepeatsNorSkipsAny() {
        String tag = Fixtures.unique("breaking");
        List<String> newestFirst = publishNewestFirst(tag, 6);

        ExtractableResponse<Response> first = given().queryParam("tag", tag).queryParam("limit", 3)
                .when().get(ARTICLES).then().statusCode(200).extract();
        String breaking = Fixtures.published(tagged(tag, "Breaking news"));
        ExtractableResponse<Response> second = given().queryParam("tag", tag).queryParam("limit", 3)
                .queryParam("cursor", (String) first.path("next"))
                .when().get(ARTICLES).then().statusCode(200).extract();

        List<String> firstIds = first.path("items.id");
        List<String> secondIds = second.path("items.id");
        assertEquals(newestFirst.subList(0, 3), firstIds);
        assertEquals(newestFirst.subList(3, 6), secondIds);
        assertNull(second.path("next"));
        given().queryParam("tag", tag).queryParam("limit", 3).when().get(ARTICLES)
                .then().body("items[0].id", equalTo(breaking));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aTamperedCursorIsRefused() {
        String tag = Fixtures.unique("tamper");
        publishNewestFirst(tag, 2);
        String cursor = given().queryParam("tag", tag).queryParam("limit", 1).when().get(ARTICLES)
                .then().statusCode(200).extract().path("next");

        for (int position : new int[] {0, cursor.indexOf('.') - 2, cursor.indexOf('.') + 1}) {
            char original = cursor.charAt(position);
            String tampered = cursor.substring(0, position) + (original == 'A' ? 'B' : 'A') + cursor.substring(position + 1);

            given().queryParam("tag", tag).queryParam("limit", 1).queryParam("cursor", tampered)
                    .when().get(ARTICLES)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo("/problems/invalid-cursor"))
                    .body("errors[0].field", equalTo("cursor"));
        }
        given().queryParam("tag", tag).queryParam("limit", 1).queryParam("cursor", "not-a-cursor").when().get(ARTICLES)
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aCursorOnlyWorksWithTheFiltersAndSortItCameWith() {
        String tag = Fixtures.unique("scoped");
        publishNewestFirst(tag, 2);
        String cursor = given().queryParam("tag", tag).queryParam("limit", 1).when().get(ARTICLES)
                .then().statusCode(200).extract().path("next");

        given().queryParam("tag", tag).queryParam("limit", 1).queryParam("cursor", cursor).when().get(ARTICLES)
                .then().statusCode(200).body("items", hasSize(1));
        given().queryParam("tag", Fixtures.unique("other")).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get(ARTICLES)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("tag", tag).queryParam("sort", "oldest").queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get(ARTICLES)
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("limit", 1).queryParam("cursor", cursor).when().get(ARTICLES)
                .then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }

    // ---- Cost --------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aPageCostsAtMostThreeStatementsWhateverItsLimit() {
        // Twelve articles, each with a source and two cited sources: a statement per article (or per source) would
        // show as a dozen at least, so more articles would only make the test slower, not stricter.
        int articles = 12;
        String tag = Fixtures.unique("cost");
        List<String> sources = List.of(Fixtures.source("Anatolia Wire", Map.of()), Fixtures.source("Black Sea Times", Map.of()),
                Fixtures.source("Danube Radio", Map.of()));
        List<String> newestFirst = new java.util.ArrayList<>();
        for (int i = 0; i < articles; i++) {
            Fixtures.published(Map.of("headline", HEADLINE + " " + i, "tags", List.of(tag), "source", sources.get(i % 3),
                    "citedSources", List.of(Map.of("source", sources.get((i + 1) % 3), "role", "cited"),
                            Map.of("source", sources.get((i + 2) % 3), "role", "photo"))));
            newestFirst.add(0, sources.get(i % 3));
        }

        long small = SqlStatements.during(entityManagerFactory, () -> given().queryParam("tag", tag).queryParam("limit", 5)
                .when().get(ARTICLES).then().statusCode(200).body("items", hasSize(5)));
        long large = SqlStatements.during(entityManagerFactory, () -> given().queryParam("tag", tag).queryParam("limit", 100)
                .when().get(ARTICLES).then().statusCode(200).body("items", hasSize(articles))
                .body("items.source.slug", equalTo(newestFirst)));

        assertTrue(small <= 3, "a page of 5 prepared " + small + " statements");
        assertTrue(large <= 3, "a page of " + articles + " prepared " + large + " statements");
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aSearchPageCostsAtMostThreeStatementsWhateverTiersItSpans() {
        String word = uniqueWord();
        Fixtures.published(Map.of("headline", "Harbour reopens as " + word + " arrives", "bodyText", BODY_TEXT));
        Fixtures.published(Map.of("headline", "Harbour reopens", "standfirst", "The " + word + " is expected.",
                "bodyText", BODY_TEXT));
        Fixtures.published(Map.of("headline", "Harbour news", "bodyText", "Officials said " + word + " would dock."));

        long statements = SqlStatements.during(entityManagerFactory, () -> given().queryParam("q", word)
                .when().get(ARTICLES).then().statusCode(200).body("items", hasSize(3)));

        assertTrue(statements <= 3, "a search page over three tiers prepared " + statements + " statements");
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private static Map<String, Object> tagged(String tag, String headline) {
        return Map.of("headline", headline, "tags", List.of(tag));
    }

    private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
        var copy = new HashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    /** Publishes {@code count} articles with the tag, returning their ids newest first as the default list orders them. */
    private static List<String> publishNewestFirst(String tag, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(0, Fixtures.published(tagged(tag, HEADLINE + " " + i)));
        }
        return ids;
    }

    private static String schedule(String id) {
        given().contentType(ContentType.JSON).body(Map.of("publishAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .when().post(ARTICLES + "/" + id + "/publish").then().statusCode(200);
        return id;
    }

    private static String withdraw(String id) {
        given().contentType(ContentType.JSON).body(Map.of("reason", WITHDRAWAL_REASON))
                .when().post(ARTICLES + "/" + id + "/withdraw").then().statusCode(200);
        return id;
    }

    /** Moves the publication (and creation and last change) of articles made through the API into the past. */
    private void backdate(List<String> ids, String interval) {
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> entityManager
                .createNativeQuery("update article set published_at = published_at - cast(?1 as interval),"
                        + " created_at = created_at - cast(?1 as interval), updated_at = updated_at - cast(?1 as interval)"
                        + " where id = ?2")
                .setParameter(1, interval).setParameter(2, UUID.fromString(id))
                .executeUpdate()));
    }

    /**
     * Inserts {@code count} published articles with {@code word} only in the body, published in the last day, and
     * returns their ids newest first. Through SQL, because a thousand articles through the API would take minutes;
     * their slugs start with {@code word + "-body-"} so that the test can delete them again.
     */
    @SuppressWarnings("unchecked")
    private List<String> publishWithWordInBody(String word, int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("insert into article (id, slug, headline, body_text, status, published_at,"
                            + " created_at, updated_at)"
                            + " select gen_random_uuid(), ?1 || '-body-' || n, 'Harbour news ' || n,"
                            + " 'Officials confirmed that ' || ?1 || ' would dock.', 'published', t, t, t"
                            + " from generate_series(1, ?2) n, lateral (select now() - interval '1 day' + n * interval '1 second') p(t)")
                    .setParameter(1, word).setParameter(2, count)
                    .executeUpdate();
            return ((List<Object>) entityManager.createNativeQuery("select cast(id as text) from article"
                            + " where slug like ?1 order by published_at desc, id desc")
                    .setParameter(1, word + "-body-%").getResultList())
                    .stream().map(Object::toString).toList();
        });
    }

    /** Every id of a list, following next cursors, failing on any id seen twice. */
    private static List<String> allIds(String firstPage) {
        List<String> ids = new ArrayList<>();
        String url = firstPage;
        while (url != null) {
            ExtractableResponse<Response> page = given().when().get(url).then().statusCode(200).extract();
            ids.addAll(page.path("items.id"));
            String next = page.path("next");
            url = next == null ? null : firstPage + "&cursor=" + next;
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no article repeats: " + ids);
        return ids;
    }

    /** A made-up word of letters only, so that a search for it finds just this test's articles. */
    private static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.toString();
    }
}

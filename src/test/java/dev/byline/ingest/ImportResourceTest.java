package dev.byline.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import dev.byline.support.SqlStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/imports: wire copy in each form becomes drafts with the provenance found in it; the same item sent
 * again is recognised, a newer version updates its article, and input that cannot be read stores nothing.
 *
 * <p>The source register is shared by every test class, so each test registers outlets with made-up names of its
 * own ({@link #outlet()}): a name two sources share would name neither.
 */
@QuarkusTest
class ImportResourceTest {

    private static final String IMPORTS = "/api/v1/imports";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String NINJS = "application/ninjs+json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Random RANDOM = new Random();

    private static String editor;
    private static String partner;
    private static String admin;

    @Inject
    EntityManager entityManager;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @BeforeAll
    static void keys() {
        editor = Keys.issue(Roles.EDITOR);
        partner = Keys.issue(Roles.PARTNER);
        admin = Keys.issue(Roles.ADMIN);
    }

    /** A made-up outlet name, three syllables long, that no other test uses. */
    private static String outlet() {
        return word("bdfgklmnprstvz", "aeiou");
    }

    private static String cyrillicOutlet() {
        return word("бвгдзклмнпрстф", "аеиоуя");
    }

    private static String word(String consonants, String vowels) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            word.append(consonants.charAt(RANDOM.nextInt(consonants.length())))
                    .append(vowels.charAt(RANDOM.nextInt(vowels.length())));
        }
        word.append(consonants.charAt(RANDOM.nextInt(consonants.length())));
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static RequestSpecification asEditor() {
        // Bodies go out as the bytes given, with exactly the Content-Type given (no charset added).
        return given().header("Authorization", "Bearer " + editor)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static String source(String name, String kind, List<String> aliases) {
        String slug = Fixtures.unique("src");
        asEditor().contentType("application/json")
                .body(Map.of("slug", slug, "name", name, "kind", kind, "aliases", aliases))
                .when().post("/api/v1/sources").then().statusCode(201);
        return slug;
    }

    private static ValidatableResponse importAs(String contentType, String body) {
        return asEditor().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORTS).then();
    }

    private static String ninjs(String uri, String version, String headline, String body) {
        return """
                {"uri": "%s", "version": "%s", "type": "text", "language": "en",
                 "headlines": [{"role": "main", "value": "%s"}],
                 "bodies": [{"role": "main", "contentType": "text/plain", "value": "%s"}]}
                """.formatted(uri, version, headline, body);
    }

    /** How many articles and import keys are stored: what a refused import must leave as it was. */
    private record Stored(long articles, long keys) {
        Stored plus(long moreArticles, long moreKeys) {
            return new Stored(articles + moreArticles, keys + moreKeys);
        }
    }

    private Stored stored() {
        Object[] counts = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "select (select count(*) from article), (select count(*) from import_key)").getSingleResult());
        return new Stored(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    // ---- Plain text ----------------------------------------------------------------------------------------------

    @Test
    void plainTextWireCopyBecomesADraftWithItsProvenanceAndTheEvidenceForIt() {
        String wire = outlet();
        String paper = outlet();
        String radio = outlet();
        String unknown = outlet();
        String wireSlug = source(wire + " News Wire", "wire-agency", List.of(wire.toUpperCase(Locale.ROOT)));
        String paperSlug = source(paper + " Times", "newspaper", List.of());
        String radioSlug = source(radio + " Radio", "broadcaster", List.of());
        String headline = "Monsoon floods cut rail link to " + unknown + " valley";
        String attribution = "based on " + wire.toLowerCase(Locale.ROOT) + " REPORT";
        String cited = "The line will stay closed for at least a week, according to " + paper + " Times.";
        String quoted = "A railway spokesperson told " + radio.toUpperCase(Locale.ROOT) + " RADIO that engineers had "
                + "reached the site.";
        String story = headline + "\n"
                + "By Staff Reporter\n"
                + "\n"
                + "Shimla, Nov 28 (" + wire.toUpperCase(Locale.ROOT) + "): Heavy rain washed away a stretch of track\n"
                + "between Kalka and Shimla on Thursday, officials said.\n"
                + "\n"
                + cited + " " + quoted + "\n"
                + "\n"
                + unknown + " Herald reported similar damage further north.\n"
                + "\n"
                + attribution + "\n"
                + "\n"
                + "No comments:\n"
                + "Post a Comment\n"
                + "Share this\n"
                + "Also read: Landslides block highway near Solan\n";

        JsonPath created = importAs(TEXT, story)
                .statusCode(201)
                .contentType("application/json")
                .header("Cache-Control", "private, no-store")
                .header("Location", startsWith("http"))
                .body("outcome", equalTo("created"))
                .body("article.status", equalTo("draft"))
                .body("article.publishedAt", nullValue())
                .body("article.headline", equalTo(headline))
                .body("article.byline", equalTo("Staff Reporter"))
                .body("article.dateline", equalTo("Shimla, Nov 28"))
                .body("article.language", equalTo("en"))
                .body("article.source.slug", equalTo(wireSlug))
                .body("article.attribution", equalTo(attribution))
                .body("article.citedSources.source.slug", contains(paperSlug, radioSlug))
                .body("article.citedSources.role", contains("cited", "quoted"))
                .body("article.bodyText", not(containsString("Post a Comment")))
                .body("article.bodyText", not(containsString("No comments")))
                .body("article.bodyText", not(containsString(attribution)))
                .body("article.bodyText", startsWith("Shimla, Nov 28 ("))
                .body("report.form", equalTo("text"))
                .body("report.matchedBy", nullValue())
                .body("report.language.from", startsWith("default"))
                .body("report.removed.line", contains(13, 14, 15, 16, 2, 11))
                .body("report.removed[0].text", equalTo("No comments:"))
                .body("report.removed[0].reason", containsString("comment count"))
                .body("report.attribution.text", equalTo(attribution))
                .body("report.attribution.line", equalTo(11))
                .body("report.attribution.form", equalTo("based-on"))
                .body("report.source.source.slug", equalTo(wireSlug))
                .body("report.source.matched", equalTo(wire.toLowerCase(Locale.ROOT)))
                .body("report.source.matchedOn", equalTo("alias"))
                .body("report.source.from", equalTo("attribution"))
                .body("report.citedSources[0].cue", equalTo("according to"))
                .body("report.citedSources[0].evidence", equalTo(cited))
                .body("report.citedSources[1].cue", equalTo("told"))
                .body("report.citedSources[1].matched", equalTo(radio.toUpperCase(Locale.ROOT) + " RADIO"))
                .body("report.citedSources[1].evidence", equalTo(quoted))
                .body("report.suggestions.name", contains(unknown + " Herald"))
                .body("report.suggestions[0].cue", equalTo("reported"))
                .extract().jsonPath();

        String id = created.getString("articleId");
        given().header("Authorization", "Bearer " + editor).when().get("/api/v1/articles/" + id)
                .then().statusCode(200).body("status", equalTo("draft")).body("source.slug", equalTo(wireSlug));
        given().when().get("/api/v1/articles/" + id).then().statusCode(404); // an import never publishes
    }

    @Test
    void anAttributionNamingAnOutletMissingFromTheRegisterIsReportedAndTheDraftHasNoSource() {
        String missing = outlet();

        importAs(TEXT, "Port reopens after " + missing + " strike\n\nDockers returned to work on Monday.\n\n"
                + "Queues should clear by Friday.\n\n— " + missing + " Wire\n")
                .statusCode(201)
                .body("article.source", nullValue())
                .body("article.attribution", equalTo(missing + " Wire"))
                .body("report.attribution.form", equalTo("dash"))
                .body("report.source", nullValue())
                .body("report.suggestions[0].name", equalTo(missing + " Wire"))
                .body("report.suggestions[0].cue", equalTo("attribution"))
                .body("report.notes", hasItem(containsString("'" + missing + " Wire', which is not in the source register")));
        given().when().get("/api/v1/sources?limit=100").then().statusCode(200)
                .body("items.name", not(hasItem(missing + " Wire"))); // suggested, never created
    }

    @Test
    void theSameTextImportedAgainAnswersWithTheArticleItBecame() {
        String headline = "Ferry service resumes on " + outlet() + " route";
        String first = importAs(TEXT, headline + "\n\nThe first boat left at dawn.\n\nPassengers cheered.\n")
                .statusCode(201).extract().path("articleId");
        Stored before = stored();

        importAs(TEXT, "\n" + headline.toUpperCase(Locale.ROOT) + "\nThe first boat  left at dawn!\nPassengers cheered\n"
                + "Share this\nRead more: Ferries\n")
                .statusCode(200)
                .header("Location", nullValue())
                .body("outcome", equalTo("existing"))
                .body("articleId", equalTo(first))
                .body("article.id", equalTo(first))
                .body("report.matchedBy", equalTo("text"))
                .body("report.reason", containsString("same text"));
        assertEquals(before, stored(), "nothing new is stored");
    }

    @Test
    void aNonLatinStoryIsImportedInTheLanguageItIsSentIn() {
        String agency = cyrillicOutlet();
        String site = cyrillicOutlet();
        String agencySlug = source("Агентство " + agency, "wire-agency", List.of(agency.toUpperCase(Locale.ROOT)));
        String siteSlug = source(site + "-Инфо", "news-website", List.of());
        String sentence = "Вода размыла дорогу между сёлами, сообщает " + site + "-Инфо.";

        asEditor().contentType(TEXT).header("Content-Language", "ru")
                .body(("Наводнение отрезало горные сёла\n\n" + sentence + " Ремонт займёт неделю.\n\n"
                        + "Читайте также: Снегопад в горах\n\n— " + agency.toLowerCase(Locale.ROOT) + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORTS)
                .then().statusCode(201)
                .body("article.headline", equalTo("Наводнение отрезало горные сёла"))
                .body("article.language", equalTo("ru"))
                .body("article.source.slug", equalTo(agencySlug))
                .body("article.attribution", equalTo(agency.toLowerCase(Locale.ROOT)))
                .body("article.citedSources[0].source.slug", equalTo(siteSlug))
                .body("article.bodyText", not(containsString("Читайте также")))
                .body("report.language.value", equalTo("ru"))
                .body("report.language.from", equalTo("the request's Content-Language"))
                .body("report.source.matchedOn", equalTo("alias"))
                .body("report.citedSources[0].cue", equalTo("сообщает"))
                .body("report.citedSources[0].evidence", equalTo(sentence));
    }

    // ---- ninjs ---------------------------------------------------------------------------------------------------

    @Test
    void ninjsItemsAreRecognisedByUriAndANewerVersionUpdatesTheirArticle() {
        String wire = outlet();
        String wireSlug = source(wire + " Press", "wire-agency", List.of());
        String uri = "urn:newsml:" + wire.toLowerCase(Locale.ROOT) + ".example:20261128:rail";
        String v1 = """
                {"uri": "%s", "version": "1", "versionCreated": "2026-11-28T09:30:00Z", "language": "en-gb",
                 "headlines": [{"role": "main", "value": "Rail link cut by floods"}],
                 "bodies": [{"role": "main", "contentType": "text/html",
                             "value": "<p>Heavy rain washed away the track.</p><p>Share this</p>"}],
                 "by": "Staff Reporter", "subjects": [{"name": "Monsoon"}],
                 "infoSources": [{"name": "%s Press", "role": "originator"}]}
                """.formatted(uri, wire);

        String id = importAs(NINJS, v1).statusCode(201)
                .body("article.headline", equalTo("Rail link cut by floods"))
                .body("article.bodyHtml", equalTo("<p>Heavy rain washed away the track.</p>"))
                .body("article.byline", equalTo("Staff Reporter"))
                .body("article.language", equalTo("en-GB"))
                .body("article.tags", contains("monsoon"))
                .body("article.source.slug", equalTo(wireSlug))
                .body("report.form", equalTo("ninjs"))
                .body("report.source.from", equalTo("info-source"))
                .body("report.removed[0].text", equalTo("Share this"))
                .extract().path("articleId");

        Stored before = stored();
        importAs(NINJS, v1).statusCode(200)
                .body("outcome", equalTo("existing"))
                .body("articleId", equalTo(id))
                .body("report.matchedBy", equalTo("uri"))
                .body("article.version", equalTo(0));
        assertEquals(before, stored());

        importAs(NINJS, ninjs(uri, "2", "Rail link cut by floods", "Heavy rain washed away 40 metres of track."))
                .statusCode(200)
                .body("outcome", equalTo("updated"))
                .body("articleId", equalTo(id))
                .body("report.matchedBy", equalTo("uri"))
                .body("article.bodyText", equalTo("Heavy rain washed away 40 metres of track."))
                .body("article.status", equalTo("draft"))
                .body("article.corrections", empty()) // a draft nobody has seen needs no correction note
                .body("article.source.slug", equalTo(wireSlug)) // what the new version lacks stays
                .body("article.tags", contains("monsoon"));

        // Published, read by the public (so the read cache holds it), then version 3 arrives.
        given().header("Authorization", "Bearer " + editor).when().post("/api/v1/articles/" + id + "/publish")
                .then().statusCode(200);
        given().when().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("bodyText", equalTo("Heavy rain washed away 40 metres of track."));
        String cursor = endOfChangeFeed();

        importAs(NINJS, ninjs(uri, "3", "Rail link cut by floods", "Heavy rain washed away 60 metres of track."))
                .statusCode(200)
                .body("outcome", equalTo("updated"))
                .body("article.status", equalTo("published"))
                .body("article.corrections", hasSize(1))
                .body("article.corrections[0].text", equalTo("Updated to version 3 of the provider's story (was version 2)."))
                .body("report.reason", containsString("correction note"));

        given().when().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("bodyText", equalTo("Heavy rain washed away 60 metres of track."));
        given().header("Authorization", "Bearer " + partner).queryParam("cursor", cursor)
                .when().get("/api/v1/changes").then().statusCode(200)
                .body("items.findAll { it.articleId == '" + id + "' }.kind", contains("updated", "corrected"));

        // An older version arriving late changes nothing.
        Stored published = stored();
        importAs(NINJS, ninjs(uri, "2", "Rail link cut by floods", "Heavy rain washed away 40 metres of track."))
                .statusCode(200)
                .body("outcome", equalTo("existing"))
                .body("report.reason", containsString("newer version (version 3"))
                .body("article.bodyText", equalTo("Heavy rain washed away 60 metres of track."));
        assertEquals(published, stored());
    }

    @Test
    void aNinjs1DocumentIsReadAndItsInfoSourceMatchedBySlug() {
        String wire = outlet();
        String wireSlug = source(wire + " Agency", "wire-agency", List.of());

        importAs("application/json", """
                {"uri": "http://%s.example/items/77", "version": 1, "headline": "Port reopens after strike",
                 "body_text": "Dockers returned on Monday.\\nQueues should clear by Friday.",
                 "byline": "Harbour desk", "subject": [{"name": "Shipping"}],
                 "infosource": [{"name": "Someone Else Entirely", "rel": "originator", "code": "%s"}]}
                """.formatted(wire.toLowerCase(Locale.ROOT), wireSlug))
                .statusCode(201)
                .body("article.source.slug", equalTo(wireSlug))
                .body("article.bodyText", equalTo("Dockers returned on Monday.\n\nQueues should clear by Friday."))
                .body("article.byline", equalTo("Harbour desk"))
                .body("article.tags", contains("shipping"))
                .body("report.source.matchedOn", equalTo("slug"))
                .body("report.notes[0]", containsString("ninjs 1.x"));
    }

    @Test
    void aNinjsDocumentWithoutAHeadlineIsRefusedAndNothingIsStored() {
        Stored before = stored();

        importAs(NINJS, "{\"uri\": \"urn:x:no-headline\", \"bodies\": [{\"value\": \"Text without a headline.\"}]}")
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("headlines"))
                .body("detail", containsString("headlines[].value (ninjs 2 and 3) or headline (ninjs 1)"));
        assertEquals(before, stored());
    }

    /** Found by fuzzing: the draft refused the text, and the import answered 500. */
    @Test
    void aHeadlineWithALoneSurrogateIsRefusedNamingItAndNothingIsStored() {
        Stored before = stored();

        importAs(NINJS, ninjs("urn:x:surrogate", "1", "Broken \\ud800 text", "Body."))
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("headline"))
                .body("detail", containsString("U+D800"));
        assertEquals(before, stored());
    }

    // ---- Feeds ---------------------------------------------------------------------------------------------------

    @Test
    void aFeedImportsEachItemOnItsOwnAndCanBeSentAgain() {
        String wire = outlet();
        String wireSlug = source(wire + " Wire", "wire-agency", List.of());
        String site = outlet().toLowerCase(Locale.ROOT);
        String already = "Bridge repairs finish early on " + outlet() + " road";
        String alreadyId = importAs(TEXT, already + "\n\nThe bridge reopened on Friday.\n").statusCode(201)
                .extract().path("articleId");
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                  <channel>
                    <title>%1$s blog</title><link>https://%1$s.example/</link><description>News</description>
                    <item>
                      <title>Port reopens after strike</title>
                      <guid isPermaLink="false">%1$s-port</guid>
                      <source url="https://wire.example/rss">%2$s Wire</source>
                      <content:encoded><![CDATA[<p>Dockers returned to work on Monday.</p>
                        <p>The post Port reopens appeared first on %1$s blog.</p>]]></content:encoded>
                    </item>
                    <item>
                      <title>An item with a script</title>
                      <guid isPermaLink="false">%1$s-script</guid>
                      <description><![CDATA[<p>Hello</p><script>alert(1)</script>]]></description>
                    </item>
                    <item>
                      <title>%3$s</title>
                      <guid isPermaLink="false">%1$s-bridge</guid>
                      <description>The bridge reopened on Friday.</description>
                    </item>
                  </channel>
                </rss>
                """.formatted(site, wire, already);
        Stored before = stored();

        JsonPath first = importAs("application/rss+xml", rss)
                .statusCode(200)
                .body("form", equalTo("rss"))
                .body("created", equalTo(1))
                .body("existing", equalTo(1))
                .body("updated", equalTo(0))
                .body("refused", equalTo(1))
                .body("items.outcome", contains("created", "refused", "existing"))
                .body("items.key", contains(site + "-port", site + "-script", site + "-bridge"))
                .body("items[0].report.source.source.slug", equalTo(wireSlug))
                .body("items[0].report.source.from", equalTo("item-source"))
                .body("items[0].report.removed[0].reason", containsString("feed's footer"))
                .body("items[1].articleId", nullValue())
                .body("items[1].problem.status", equalTo(400))
                .body("items[1].problem.detail", containsString("could run code"))
                .body("items[2].articleId", equalTo(alreadyId))
                .body("items[2].report.matchedBy", equalTo("text"))
                .extract().jsonPath();
        String port = first.getString("items[0].articleId");
        given().header("Authorization", "Bearer " + editor).when().get("/api/v1/articles/" + port)
                .then().statusCode(200).body("status", equalTo("draft"))
                .body("bodyHtml", equalTo("<p>Dockers returned to work on Monday.</p>"));
        Stored after = stored();
        assertEquals(before.plus(1, 3), after, "one draft, its guid and text keys, and the guid of the bridge story");

        importAs("application/rss+xml", rss)
                .statusCode(200)
                .body("created", equalTo(0))
                .body("existing", equalTo(2))
                .body("refused", equalTo(1))
                .body("items[0].articleId", equalTo(port))
                .body("items[0].report.matchedBy", equalTo("guid"));
        assertEquals(after, stored(), "sending the feed again stores nothing new");
    }

    @Test
    void anAtomEntryWithALaterUpdatedTimeUpdatesItsArticle() {
        String id = "tag:" + outlet().toLowerCase(Locale.ROOT) + ".example,2026:flood";
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Partner</title><id>urn:partner</id><updated>%2$s</updated>
                  <entry><title>Flood closes valley road</title><id>%1$s</id><updated>%2$s</updated>
                    <content type="html">&lt;p&gt;%3$s&lt;/p&gt;</content></entry>
                </feed>
                """;
        String article = importAs("application/atom+xml", atom.formatted(id, "2026-11-28T10:00:00Z", "The road is shut."))
                .statusCode(200).body("items[0].outcome", equalTo("created")).extract().path("items[0].articleId");

        importAs("application/atom+xml", atom.formatted(id, "2026-11-28T12:00:00Z", "The road reopens tonight."))
                .statusCode(200)
                .body("form", equalTo("atom"))
                .body("updated", equalTo(1))
                .body("items[0].articleId", equalTo(article))
                .body("items[0].report.matchedBy", equalTo("id"));
        given().header("Authorization", "Bearer " + editor).when().get("/api/v1/articles/" + article)
                .then().statusCode(200).body("bodyText", equalTo("The road reopens tonight."));
    }

    // ---- Refusals ------------------------------------------------------------------------------------------------

    @Test
    void inputThatCannotBeReadIsAProblemAndStoresNothing() {
        Stored before = stored();

        importAs(TEXT, "").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", startsWith("The body is empty"));
        asEditor().contentType(TEXT).body("Caf\u00e9 reopens\n\nThe caf\u00e9 reopened.".getBytes(StandardCharsets.ISO_8859_1))
                .when().post(IMPORTS).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", startsWith("The text is not UTF-8: the byte 0xE9 on line 1"));
        importAs("text/plain; charset=ISO-8859-1", "Headline\n\nBody.").statusCode(415).contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/unsupported-media-type"))
                .body("detail", containsString("charset=ISO-8859-1"));
        importAs("application/pdf", "%PDF-1.7").statusCode(415)
                .body("detail", equalTo("Imports do not accept application/pdf; send " + ImportForm.ACCEPTED + "."));
        importAs(NINJS, "{\"headlines\": [").statusCode(400)
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", startsWith("The body is not valid JSON at line 1"));
        importAs("application/rss+xml", "<rss version=\"2.0\"><channel><item></channel></rss>").statusCode(400)
                .body("detail", startsWith("The document is not well-formed XML at line 1, column "));
        importAs("application/rss+xml", "<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>")
                .statusCode(400)
                .body("detail", equalTo("The feed has no items, so there is nothing to import."));
        asEditor().contentType(TEXT).header("Content-Language", "not a language")
                .body("Headline\n\nBody.".getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORTS).then().statusCode(400)
                .body("errors[0].in", equalTo("header"))
                .body("errors[0].field", equalTo("Content-Language"));
        importAs(TEXT, "x".repeat(301) + "\n\nBody.").statusCode(400)
                .body("errors[0].field", equalTo("line 1"));
        assertEquals(before, stored());
    }

    @Test
    void anXmlExternalEntityIsRefusedWithoutBeingRead() {
        Stored before = stored();

        importAs("application/rss+xml", """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title>
                <item><title>&secret;</title><description>&secret;</description></item></channel></rss>
                """)
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", startsWith("The document declares a DOCTYPE (line 2)"))
                .body("detail", not(containsString("root:")));
        assertEquals(before, stored());
    }

    @Test
    void aBodyOverTheSizeLimitIs413AndStoresNothing() {
        Stored before = stored();

        importAs(TEXT, "Headline\n\n" + "word ".repeat(210_000)).statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo("/problems/payload-too-large"));
        assertEquals(before, stored());
    }

    @Test
    void anImportCostsAFixedNumberOfStatementsWhateverTheRegisterOrStorySize() {
        source(outlet() + " Wire", "wire-agency", List.of());
        String story = "Statement budget for " + outlet() + "\n\n" + "Heavy rain fell again. ".repeat(2000) + "\n";

        long created = SqlStatements.during(entityManagerFactory, () -> importAs(TEXT, story).statusCode(201));
        long again = SqlStatements.during(entityManagerFactory, () -> importAs(TEXT, story).statusCode(200));

        // The register, the key lookup, the free slug, the article, its slug, its text key and two audit records.
        assertTrue(created <= 8, "a new draft took " + created + " statements");
        // The register, the key lookup and the article's read.
        assertTrue(again <= 3, "a repeat took " + again + " statements");
    }

    // ---- Audit ---------------------------------------------------------------------------------------------------

    @Test
    void anImportIsAuditedWithTheKeyThatMadeIt() {
        String id = importAs(TEXT, "Audit trail for " + outlet() + "\n\nOne paragraph.\n").statusCode(201)
                .extract().path("articleId");

        given().header("Authorization", "Bearer " + admin)
                .when().get("/api/v1/audit?targetType=article&targetId=" + id)
                .then().statusCode(200)
                .body("items.action", contains("article.import", "article.create"))
                .body("items[0].actor.name", containsString("test key"))
                .body("items[0].summary.form", org.hamcrest.Matchers.equalTo("text"))
                .body("items[0].summary.headline", org.hamcrest.Matchers.startsWith("Audit trail for"));
    }

    /** The cursor after the last change so far. */
    private static String endOfChangeFeed() {
        String cursor = null;
        while (true) {
            RequestSpecification spec = given().header("Authorization", "Bearer " + partner).queryParam("limit", 1000);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                return page.getString("next");
            }
            cursor = page.getString("next");
        }
    }
}

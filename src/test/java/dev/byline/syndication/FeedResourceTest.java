package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.byline.article.ReadCaches;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** The RSS, Atom and JSON feeds, read back with ROME (an independent parser) and REST Assured. */
@QuarkusTest
class FeedResourceTest {

    static final String HEADLINE = "Tom & Jerry <b>\"quoted\"</b> 'single' 🎉 café";
    static final String BODY_HTML = "<p>One &amp; <em>two</em> &lt;three&gt; 🎉</p>";
    static final String STANDFIRST = "A summary with <angle> brackets & ampersands.";
    static final String BYLINE = "Foreign desk";
    static final String CANONICAL = "https://news.example/world/tom-and-jerry";

    static Newsroom newsroom;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @TestHTTPResource("/")
    URI root;

    @Inject
    ReadCaches caches;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    record Story(String section, String tag, String source, String id, String slug) {
    }

    private Story story() {
        String section = Fixtures.unique("sec");
        String tag = Fixtures.unique("tag");
        String source = newsroom.source("Agency & Co", Map.of("defaultAttribution", "Based on Agency report",
                "rights", Map.of("copyrightHolder", "Agency & Co", "usageTerms", "Partners only.", "syndicatable", true)));
        String id = newsroom.published(Map.of("headline", HEADLINE, "standfirst", STANDFIRST, "bodyHtml", BODY_HTML,
                "byline", BYLINE, "section", section, "tags", List.of(tag, "shared"), "source", source,
                "canonicalUrl", CANONICAL));
        String slug = given().get("/api/v1/articles/" + id).then().statusCode(200).extract().path("slug");
        return new Story(section, tag, source, id, slug);
    }

    @Test
    void rssCarriesEveryFieldIntactForAnIndependentReader() throws Exception {
        Story story = story();
        Response response = given().when().get("/feeds/sections/" + story.section() + "/rss.xml")
                .then().statusCode(200)
                .contentType(startsWith("application/rss+xml"))
                .header("ETag", not(emptyOrNullString()))
                .header("Last-Modified", not(emptyOrNullString()))
                .header("Cache-Control", startsWith("public"))
                .header("Vary", containsString("Authorization"))
                .extract().response();
        Channel channel = rss(response.asByteArray(), false);
        assertEquals("Byline: " + story.section(), channel.getTitle());
        assertEquals("en", channel.getLanguage());
        assertTrue(channel.getLink().endsWith("/api/v1/articles?section=" + story.section()),
                "without a site, the channel links to the same articles in the API: " + channel.getLink());
        assertEquals(1, channel.getItems().size());
        Item item = channel.getItems().get(0);
        // Readers read RSS titles and descriptions as HTML: the text arrives escaped once more, and reads back as typed.
        assertEquals(XmlFeedWriter.escapeHtml(HEADLINE), item.getTitle());
        assertEquals(HEADLINE, Parser.unescapeEntities(item.getTitle(), false));
        assertEquals(XmlFeedWriter.escapeHtml(STANDFIRST), item.getDescription().getValue());
        assertEquals(STANDFIRST, Jsoup.parse(item.getDescription().getValue()).text());
        assertEquals("urn:uuid:" + story.id(), item.getGuid().getValue());
        assertEquals(CANONICAL, item.getLink());
        assertNotNull(item.getPubDate());
        assertEquals(List.of(story.section(), story.tag(), "shared"),
                item.getCategories().stream().map(c -> c.getValue()).toList());
        assertEquals("Agency & Co", item.getSource().getValue());
        assertEquals("https://agency.example/", item.getSource().getUrl());
        assertTrue(item.getComments().endsWith("/api/v1/articles/" + story.id() + "/comments"));
        assertEquals(null, item.getContent(), "the public feed carries summaries only");
        DCModule dublinCore = (DCModule) item.getModule(DCModule.URI);
        assertEquals(BYLINE, dublinCore.getCreator());
        assertEquals("en", dublinCore.getLanguage());
        assertEquals("Copyright Agency & Co. Partners only.", dublinCore.getRights());
        assertEquals("Based on Agency report", foreign(item.getForeignMarkup(), "bibliographicCitation"));
        assertEquals("0", foreign(item.getForeignMarkup(), "comments"));
        Element api = item.getForeignMarkup().stream().filter(e -> e.getName().equals("link")).findFirst().orElseThrow();
        assertEquals("application/json", api.getAttributeValue("type"));
        assertTrue(api.getAttributeValue("href").endsWith("/api/v1/articles/" + story.slug()));
        assertEquals(null, foreign(item.getForeignMarkup(), "version"), "Byline's own elements are for partners");
    }

    @Test
    void atomCarriesEveryFieldAndPartnersGetFullText() throws Exception {
        Story story = story();
        Response response = newsroom.asPartner().when().get("/feeds/tags/" + story.tag() + "/atom.xml")
                .then().statusCode(200)
                .contentType(startsWith("application/atom+xml"))
                .header("Cache-Control", equalTo("private, no-cache"))
                .extract().response();
        com.rometools.rome.feed.atom.Feed feed = atom(response.asByteArray(), true);
        assertEquals("en", xmlLang(response.asByteArray(), "feed"));
        assertEquals("Byline", feed.getAuthors().get(0).getName(), "the newsroom, not the feed's title");
        assertEquals(1, feed.getEntries().size());
        Entry entry = feed.getEntries().get(0);
        assertEquals("urn:uuid:" + story.id(), entry.getId());
        // A headline with markup characters goes as escaped HTML: it reads back as the text typed.
        assertEquals("html", entry.getTitleEx().getType());
        assertEquals(HEADLINE, Parser.unescapeEntities(entry.getTitleEx().getValue(), false));
        assertEquals(CANONICAL, entry.getAlternateLinks().get(0).getHref());
        assertNotNull(entry.getPublished());
        assertNotNull(entry.getUpdated());
        assertEquals(STANDFIRST, Jsoup.parse(entry.getSummary().getValue()).text());
        assertEquals("html", entry.getContents().get(0).getType());
        assertEquals(BODY_HTML, entry.getContents().get(0).getValue());
        assertEquals(List.of(story.section(), story.tag(), "shared"), entry.getCategories().stream().map(Category::getTerm).toList());
        assertEquals(BYLINE, entry.getAuthors().get(0).getName());
        assertEquals("Copyright Agency & Co. Partners only.", Parser.unescapeEntities(entry.getRights(), false));
        assertEquals("Agency & Co", Parser.unescapeEntities(entry.getSource().getTitle(), false));
        assertNotNull(entry.getSource().getUpdated(), "RFC 4287 §4.2.11: a source says when it last changed");
        Link replies = entry.getOtherLinks().stream().filter(l -> l.getRel().equals("replies")).findFirst().orElseThrow();
        assertTrue(replies.getHref().endsWith("/api/v1/articles/" + story.id() + "/comments"));
        Link api = entry.getAlternateLinks().stream().filter(l -> "application/json".equals(l.getType())).findFirst()
                .orElseThrow();
        assertTrue(api.getHref().endsWith("/api/v1/articles/" + story.slug()));
        assertTrue(response.asString().contains("thr:count=\"0\""));
        assertEquals("Based on Agency report", foreign(entry.getForeignMarkup(), "bibliographicCitation"));
        assertTrue(foreign(entry.getForeignMarkup(), "version").matches("\\d+"), "partners get the version");
        assertEquals("en", xmlLang(response.asByteArray(), "entry"));
    }

    @Test
    void jsonFeedCarriesEveryFieldAndTheBylineExtension() {
        Story story = story();
        given().when().get("/feeds/sources/" + story.source() + "/feed.json")
                .then().statusCode(200)
                .contentType(startsWith("application/feed+json"))
                .body("version", equalTo("https://jsonfeed.org/version/1.1"))
                .body("language", equalTo("en"))
                .body("authors[0].name", equalTo("Byline"))
                .body("home_page_url", endsWith("/api/v1/articles?source=" + story.source()))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo("urn:uuid:" + story.id()))
                .body("items[0].url", equalTo(CANONICAL))
                // JSON Feed's texts are plain text: as typed, not escaped.
                .body("items[0].title", equalTo(HEADLINE))
                .body("items[0].summary", equalTo(STANDFIRST))
                .body("items[0].content_text", equalTo(STANDFIRST))
                .body("items[0].content_html", nullValue())
                .body("items[0].external_url", nullValue())
                .body("items[0].language", equalTo("en"))
                .body("items[0].tags", equalTo(List.of(story.section(), story.tag(), "shared")))
                .body("items[0].authors[0].name", equalTo(BYLINE))
                .body("items[0]._byline.href", endsWith("/api/v1/articles/" + story.slug()))
                .body("items[0]._byline.source.slug", equalTo(story.source()))
                .body("items[0]._byline.attribution", equalTo("Based on Agency report"))
                .body("items[0]._byline.rights.copyrightHolder", equalTo("Agency & Co"))
                .body("items[0]._byline.rights.syndicatable", equalTo(true))
                .body("items[0]._byline.commentCount", equalTo(0))
                .body("items[0]._byline.commentsUrl", containsString("/api/v1/articles/" + story.id() + "/comments"));
        newsroom.asPartner().when().get("/feeds/sources/" + story.source() + "/feed.json")
                .then().statusCode(200)
                .body("items[0].content_html", equalTo(BODY_HTML));
    }

    @Test
    void whatAnEditorTypesIsShownAsTextNeverRunAsMarkup() throws Exception {
        String section = Fixtures.unique("sec");
        String attack = "<img src=x onerror=alert(1)> & <script>alert(2)</script>";
        newsroom.published(Map.of("headline", "Entities & <angle> \"quotes\"", "standfirst", attack, "section", section));

        byte[] rssBytes = given().get("/feeds/sections/" + section + "/rss.xml").then().statusCode(200).extract().asByteArray();
        Item item = rss(rssBytes, false).getItems().get(0);
        for (String html : List.of(item.getTitle(), item.getDescription().getValue())) {
            assertTrue(Jsoup.parse(html).body().children().isEmpty(), "a reader would render markup from: " + html);
        }
        assertEquals("Entities & <angle> \"quotes\"", Jsoup.parse(item.getTitle()).text());
        assertEquals(attack, Jsoup.parse(item.getDescription().getValue()).text());
        assertTrue(new String(rssBytes, java.nio.charset.StandardCharsets.UTF_8).contains("&#x26;lt;angle&#x26;gt;"));

        byte[] atomBytes = given().get("/feeds/sections/" + section + "/atom.xml").then().statusCode(200).extract().asByteArray();
        Entry entry = atom(atomBytes, false).getEntries().get(0);
        assertEquals("html", entry.getSummary().getType());
        assertTrue(Jsoup.parse(entry.getSummary().getValue()).body().children().isEmpty());
        assertEquals(attack, Jsoup.parse(entry.getSummary().getValue()).text());

        given().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200)
                .body("items[0].title", equalTo("Entities & <angle> \"quotes\""))
                .body("items[0].content_text", equalTo(attack))
                .body(not(containsString("<img")));
    }

    @Test
    void anArticleWithoutAStandfirstIsSummarisedByItsHeadlineInItsOwnLanguage() throws Exception {
        String section = Fixtures.unique("sec");
        newsroom.published(Map.of("headline", "La mousson arrive tôt", "language", "fr", "section", section));

        Channel channel = rss(given().get("/feeds/sections/" + section + "/rss.xml").then().statusCode(200)
                .extract().asByteArray(), false);
        Item item = channel.getItems().get(0);
        assertEquals("La mousson arrive tôt", item.getDescription().getValue());
        assertEquals("fr", ((DCModule) item.getModule(DCModule.URI)).getLanguage());
        assertEquals("en", channel.getLanguage(), "the channel keeps the newsroom's language");

        byte[] atomBytes = given().get("/feeds/sections/" + section + "/atom.xml").then().statusCode(200)
                .extract().asByteArray();
        Entry entry = atom(atomBytes, false).getEntries().get(0);
        assertEquals("text", entry.getSummary().getType());
        assertEquals("La mousson arrive tôt", entry.getSummary().getValue());
        assertEquals("fr", xmlLang(atomBytes, "entry"));
        assertEquals("en", xmlLang(atomBytes, "feed"));

        given().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200)
                .body("items[0].summary", nullValue())
                .body("items[0].content_text", equalTo("La mousson arrive tôt"))
                .body("items[0].language", equalTo("fr"));
    }

    @Test
    void aFeedIsNamedByItsPathWhateverTheQuery() throws Exception {
        Story story = story();
        String path = "/feeds/sections/" + story.section() + "/atom.xml";
        com.rometools.rome.feed.atom.Feed plain = atom(given().get(path).then().statusCode(200).extract().asByteArray(), false);
        com.rometools.rome.feed.atom.Feed asked = atom(given().queryParam("limit", 5).queryParam("utm_source", "x")
                .get(path).then().statusCode(200).extract().asByteArray(), false);
        assertTrue(plain.getId().endsWith(path), plain.getId());
        assertEquals(plain.getId(), asked.getId());
        Link self = asked.getOtherLinks().stream().filter(l -> l.getRel().equals("self")).findFirst().orElseThrow();
        assertTrue(self.getHref().endsWith(path + "?limit=5"), "only the limit changes the feed: " + self.getHref());
        given().queryParam("utm_source", "y").get(path.replace("atom.xml", "feed.json")).then().statusCode(200)
                .body("feed_url", endsWith(path.replace("atom.xml", "feed.json")));
    }

    @Test
    void partnersNeverSeeWhatTheyMayNotSyndicate() {
        String section = Fixtures.unique("sec");
        String open = newsroom.published(Map.of("headline", "Free to share", "section", section));
        String closed = newsroom.published(Map.of("headline", "Ours only", "section", section,
                "rights", Map.of("syndicatable", false)));
        given().when().get("/feeds/sections/" + section + "/feed.json")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of("urn:uuid:" + closed, "urn:uuid:" + open)));
        for (String file : List.of("feed.json", "rss.xml", "atom.xml")) {
            byte[] bytes = newsroom.asPartner().when().get("/feeds/sections/" + section + "/" + file)
                    .then().statusCode(200).extract().asByteArray();
            String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(body.contains(open), file);
            assertTrue(!body.contains(closed), file + " must not carry a non-syndicatable article");
            if (!file.endsWith(".json")) {
                FeedRules.check(bytes, true);
            }
        }
    }

    @Test
    void conditionalRequestsAnswer304UntilSomethingChanges() {
        Story story = story();
        String path = "/feeds/sections/" + story.section() + "/atom.xml";
        Response first = given().when().get(path).then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        given().header("If-None-Match", etag).when().get(path)
                .then().statusCode(304)
                .header("ETag", equalTo(etag))
                .header("Last-Modified", equalTo(lastModified))
                .body(emptyOrNullString());
        given().header("If-Modified-Since", lastModified).when().get(path).then().statusCode(304);
        // A stale ETag wins over a current date: If-None-Match decides when both are sent.
        given().header("If-None-Match", "\"stale\"").header("If-Modified-Since", lastModified).when().get(path)
                .then().statusCode(200);

        newsroom.edit(story.id(), Map.of("headline", "A new headline"));
        Response second = given().header("If-None-Match", etag).when().get(path).then().statusCode(200).extract().response();
        assertTrue(second.asString().contains("A new headline"));
        assertTrue(!etag.equals(second.header("ETag")));
    }

    @Test
    void aWithdrawnArticleLeavesTheFeedAndMovesLastModifiedOn() throws Exception {
        Story story = story();
        String path = "/feeds/sections/" + story.section() + "/rss.xml";
        String lastModified = given().when().get(path).then().statusCode(200).extract().header("Last-Modified");
        Thread.sleep(1100); // Last-Modified has one-second precision
        newsroom.withdraw(story.id());
        given().header("If-Modified-Since", lastModified).when().get(path)
                .then().statusCode(200)
                .body(not(containsString(story.id())));
    }

    @Test
    void aFeedCostsTheSameStatementsWhateverItsSize() {
        String small = Fixtures.unique("sec");
        String large = Fixtures.unique("sec");
        newsroom.published(Map.of("headline", "Alone", "section", small));
        String source = newsroom.source("Counted", Map.of());
        for (int i = 0; i < 25; i++) {
            newsroom.published(Map.of("headline", "Story " + i, "section", large, "tags", List.of("a", "b"),
                    "source", source, "bodyText", "Text " + i));
        }
        for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
            // Built feeds are kept until the catalogue changes, and once per change the caches also look up when the
            // next time rule falls due: one statement more for whichever feed is built first after a change. Each
            // size is therefore built twice (two limits, two feeds) and the cheaper build counts.
            long one = Math.min(statements("/feeds/sections/" + small + "/" + file + "?limit=50", "Alone"),
                    statements("/feeds/sections/" + small + "/" + file + "?limit=49", "Alone"));
            long many = Math.min(statements("/feeds/sections/" + large + "/" + file + "?limit=50", "Story 24"),
                    statements("/feeds/sections/" + large + "/" + file + "?limit=49", "Story 24"));
            assertEquals(one, many, file + ": statements must not grow with the feed");
            assertTrue(many <= 3, file + " took " + many + " statements");
            long again = SqlStatements.during(entityManagerFactory,
                    () -> given().get("/feeds/sections/" + large + "/" + file + "?limit=50").then().statusCode(200)
                            .body(containsString("Story 24")));
            assertEquals(0, again, file + ": the same feed asked again is kept, not built again");
        }
    }

    private long statements(String path, String shows) {
        return SqlStatements.during(entityManagerFactory,
                () -> given().get(path).then().statusCode(200).body(containsString(shows)));
    }

    @Test
    void theEtagMovesWithEverythingThatShowsEvenWithoutANewArticleVersion() throws InterruptedException {
        Story story = story();
        String path = "/feeds/sections/" + story.section() + "/feed.json";
        Response first = given().get(path).then().statusCode(200).body("items[0]._byline.commentCount", equalTo(0))
                .extract().response();
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        given().header("If-None-Match", etag).get(path).then().statusCode(304);

        // Each audience and each format has its own tag, so a shared cache cannot hand one the other's bytes.
        String partnerTag = newsroom.asPartner().get(path).then().statusCode(200).extract().header("ETag");
        assertTrue(!etag.equals(partnerTag));
        newsroom.asPartner().header("If-None-Match", etag).get(path).then().statusCode(200);
        String atomTag = given().get("/feeds/sections/" + story.section() + "/atom.xml").then().statusCode(200)
                .extract().header("ETag");
        assertTrue(!etag.equals(atomTag));
        String smallerTag = given().get(path + "?limit=1").then().statusCode(200).extract().header("ETag");
        assertTrue(!etag.equals(smallerTag), "the limit shows in the feed's self link");

        // A reader's comment moves the count in the item, not the article's version; Last-Modified moves with it.
        Thread.sleep(1100); // Last-Modified has one-second precision
        given().contentType("application/json")
                .body(Map.of("authorName", "Reader", "body", "A first comment " + Fixtures.unique("c")))
                .post("/api/v1/articles/" + story.id() + "/comments").then().statusCode(201);
        String afterComment = given().header("If-None-Match", etag).get(path).then().statusCode(200)
                .body("items[0]._byline.commentCount", equalTo(1)).extract().header("ETag");
        assertTrue(!etag.equals(afterComment));
        given().header("If-Modified-Since", lastModified).get(path).then().statusCode(200)
                .body("items[0]._byline.commentCount", equalTo(1));

        // A source renamed shows in every item that names it.
        String sourceTag = given().get("/api/v1/sources/" + story.source()).then().statusCode(200)
                .extract().header("ETag");
        newsroom.asEditor().contentType("application/merge-patch+json").header("If-Match", sourceTag)
                .body(Map.of("name", "Agency & Partners")).patch("/api/v1/sources/" + story.source())
                .then().statusCode(200);
        given().header("If-None-Match", afterComment).get(path).then().statusCode(200)
                .body("items[0]._byline.source.name", equalTo("Agency & Partners"));
    }

    @Test
    void aRevalidationIsAnsweredWithoutBuildingTheFeed() {
        Story story = story();
        for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
            String path = "/feeds/sections/" + story.section() + "/" + file;
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            long kept = SqlStatements.during(entityManagerFactory,
                    () -> given().header("If-None-Match", etag).get(path).then().statusCode(304));
            assertEquals(0, kept, file + ": a 304 for a feed built since the last change took " + kept + " statements");

            // Any change retires the kept feed, even a draft that no feed shows; a revalidation then reads the feed's
            // fingerprint only.
            newsroom.draft(Map.of("headline", "A draft elsewhere"));
            long revalidated = SqlStatements.during(entityManagerFactory,
                    () -> given().header("If-None-Match", etag).get(path).then().statusCode(304));
            newsroom.draft(Map.of("headline", "Another draft elsewhere"));
            long full = SqlStatements.during(entityManagerFactory, () -> given().get(path).then().statusCode(200));
            assertTrue(revalidated <= 2, file + ": a 304 took " + revalidated + " statements");
            assertTrue(revalidated < full, file + ": a 304 took as many statements as the feed (" + full + ")");
        }
    }

    @Test
    void aFeedReadAgainIsTheSameAnswerFromMemory() {
        Story story = story();
        for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
            String path = "/feeds/sections/" + story.section() + "/" + file + "?limit=5&utm_source=reader";
            Response first = given().get(path).then().statusCode(200).extract().response();
            // The URL is now answered from memory, before JAX-RS, until the catalogue changes.
            assertTrue(caches.answered(root.resolve(path.substring(1)).toString()).isPresent(), file);
            Response again = given().get(path).then().statusCode(200).extract().response();
            assertEquals(first.asString(), again.asString(), file);
            for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type",
                    "RateLimit-Policy", "X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy",
                    "Access-Control-Allow-Origin", "Access-Control-Expose-Headers")) {
                assertEquals(first.header(header), again.header(header), file + ": " + header);
            }
            // A reader revalidating with both validators (as feed readers do): If-None-Match decides, nothing is
            // taken from its rate limit, and the validators come back.
            Response notModified = given().header("If-None-Match", first.header("ETag"))
                    .header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").get(path)
                    .then().statusCode(304).body(emptyOrNullString()).extract().response();
            for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary")) {
                assertEquals(first.header(header), notModified.header(header), file + ": 304 " + header);
            }
            given().head(path).then().statusCode(200).header("ETag", equalTo(first.header("ETag")))
                    .header("Content-Length", String.valueOf(first.asByteArray().length));
            // A key is not the public: its request goes on to the resource.
            given().header("Authorization", "Bearer " + newsroom.editorKey).get(path).then().statusCode(200)
                    .header("Cache-Control", equalTo(first.header("Cache-Control")));
        }
        // An edit retires every kept feed at once: the next read shows it.
        newsroom.edit(story.id(), Map.of("headline", "Edited after it was kept"));
        String path = "/feeds/sections/" + story.section() + "/rss.xml?limit=5&utm_source=reader";
        given().get(path).then().statusCode(200).body(containsString("Edited after it was kept"));
    }

    @Test
    void eachFormatHasItsOwnOperationAtTheURLsThatAlwaysWorked() {
        Story story = story();
        Map<String, String> types = Map.of("rss.xml", "application/rss+xml", "atom.xml", "application/atom+xml",
                "feed.json", "application/feed+json");
        for (String scope : List.of("", "sections/" + story.section() + "/", "tags/" + story.tag() + "/",
                "sources/" + story.source() + "/")) {
            types.forEach((file, type) -> given().get("/feeds/" + scope + file).then().statusCode(200)
                    .contentType(startsWith(type)));
        }
    }

    @Test
    void feedsAndTheContractMayBeReadFromAnyOriginAndAreSandboxed() {
        for (String origin : List.of("", "https://reader.example")) {
            var request = origin.isEmpty() ? given() : given().header("Origin", origin);
            // With or without an Origin, so that a shared cache may hand the same response to any page.
            request.get("/feeds/feed.json").then().statusCode(200)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("sandbox"));
        }
        given().header("Origin", "https://reader.example").get("/feeds/rss.xml?limit=0").then().statusCode(400)
                .header("Access-Control-Allow-Origin", "*");
        // Preflights are not operations of the contract: they bypass its filter, as in BrowserPolicyTest.
        given().noFilters().header("Origin", "https://reader.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, if-none-match")
                .options("/feeds/sections/world/atom.xml").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, HEAD")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().noFilters().header("Origin", "https://reader.example").header("Access-Control-Request-Method", "POST")
                .options("/feeds/rss.xml").then().statusCode(204)
                .header("Access-Control-Allow-Methods", nullValue());
        given().header("Origin", "https://reader.example").get("/q/openapi").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void feedsAreCompressedLikeJsonAndNoResponseClaimsTheIdentityEncoding() throws Exception {
        Story story = story();
        // HTTP/1.1, as reverse proxies speak to the service (over HTTP/2 Vert.x itself names the negotiated coding).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json",
                "api/v1/articles/" + story.slug(), "api/v1/articles?limit=1")) {
            HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, gzipped.statusCode(), path);
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path);
            try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertTrue(in.readAllBytes().length > gzipped.body().length / 2, path);
            }
            String etag = gzipped.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> notModified = client.send(HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, notModified.statusCode(), path);
            assertEquals(Optional.empty(), notModified.headers().firstValue("Content-Encoding"), path + " (304)");
            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(root.resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode(), path);
            assertEquals(Optional.empty(), head.headers().firstValue("Content-Encoding"), path + " (HEAD)");
        }
        for (String path : List.of("q/openapi", "feeds/rss.xml?limit=0")) {
            HttpResponse<Void> other = client.send(HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.discarding());
            assertEquals("gzip", other.headers().firstValue("Content-Encoding").orElse(null),
                    path + " " + other.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void badRequestsAreProblems() {
        given().get("/feeds/rss.txt").then().statusCode(404).contentType("application/problem+json");
        given().get("/feeds/rss.xml?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().get("/feeds/sections/Not_A_Slug/rss.xml").then().statusCode(400)
                .body("errors[0].field", equalTo("section"));
        given().get("/feeds/sources/" + Fixtures.unique("nobody") + "/atom.xml").then().statusCode(404);
        newsroom.published(Map.of("headline", "Older"));
        String newest = newsroom.published(Map.of("headline", "Newer"));
        given().get("/feeds/feed.json?limit=2").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].id", equalTo("urn:uuid:" + newest));
        given().get("/feeds/tags/" + Fixtures.unique("none") + "/feed.json").then().statusCode(200).body("items", hasSize(0));
    }

    private static String foreign(List<Element> markup, String name) {
        return markup.stream().filter(e -> e.getName().equals(name)).map(Element::getText).findFirst().orElse(null);
    }

    /** An RSS feed as ROME reads it, after checking it against the validator's rules. */
    static Channel rss(byte[] bytes, boolean partner) throws Exception {
        FeedRules.check(bytes, partner);
        return (Channel) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(bytes)));
    }

    /** An Atom feed as ROME reads it, after checking it against the validator's rules. */
    static com.rometools.rome.feed.atom.Feed atom(byte[] bytes, boolean partner) throws Exception {
        FeedRules.check(bytes, partner);
        return (com.rometools.rome.feed.atom.Feed) new WireFeedInput()
                .build(new InputSource(new ByteArrayInputStream(bytes)));
    }

    /** The xml:lang of the first Atom {@code element} (ROME does not keep an entry's). */
    static String xmlLang(byte[] atom, String element) throws Exception {
        Element root = new SAXBuilder().build(new ByteArrayInputStream(atom)).getRootElement();
        Element found = element.equals("feed") ? root
                : root.getChild(element, Namespace.getNamespace(XmlFeedWriter.ATOM));
        return found.getAttributeValue("lang", Namespace.XML_NAMESPACE);
    }

}

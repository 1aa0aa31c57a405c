package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
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
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.jdom2.Element;
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
        Channel channel = (Channel) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(response.asByteArray())));
        assertEquals("Byline: " + story.section(), channel.getTitle());
        assertEquals(1, channel.getItems().size());
        Item item = channel.getItems().get(0);
        assertEquals(HEADLINE, item.getTitle());
        assertEquals("urn:uuid:" + story.id(), item.getGuid().getValue());
        assertEquals(CANONICAL, item.getLink());
        assertEquals(STANDFIRST, item.getDescription().getValue());
        assertNotNull(item.getPubDate());
        assertEquals(List.of(story.section(), story.tag(), "shared"),
                item.getCategories().stream().map(c -> c.getValue()).toList());
        assertEquals("Agency & Co", item.getSource().getValue());
        assertEquals("https://agency.example/", item.getSource().getUrl());
        assertTrue(item.getComments().endsWith("/api/v1/articles/" + story.id() + "/comments"));
        assertEquals(null, item.getContent(), "the public feed carries summaries only");
        DCModule dublinCore = (DCModule) item.getModule(DCModule.URI);
        assertEquals(BYLINE, dublinCore.getCreator());
        assertEquals("Copyright Agency & Co. Partners only.", dublinCore.getRights());
        assertEquals("Based on Agency report", foreign(item.getForeignMarkup(), "attribution"));
        assertEquals("0", foreign(item.getForeignMarkup(), "comments"));
    }

    @Test
    void atomCarriesEveryFieldAndPartnersGetFullText() throws Exception {
        Story story = story();
        Response response = newsroom.asPartner().when().get("/feeds/tags/" + story.tag() + "/atom.xml")
                .then().statusCode(200)
                .contentType(startsWith("application/atom+xml"))
                .header("Cache-Control", equalTo("private, no-cache"))
                .extract().response();
        com.rometools.rome.feed.atom.Feed feed = (com.rometools.rome.feed.atom.Feed) new WireFeedInput()
                .build(new InputSource(new ByteArrayInputStream(response.asByteArray())));
        assertEquals(1, feed.getEntries().size());
        Entry entry = feed.getEntries().get(0);
        assertEquals("urn:uuid:" + story.id(), entry.getId());
        assertEquals(HEADLINE, entry.getTitleEx().getValue());
        assertEquals(CANONICAL, entry.getAlternateLinks().get(0).getHref());
        assertNotNull(entry.getPublished());
        assertNotNull(entry.getUpdated());
        assertEquals(STANDFIRST, entry.getSummary().getValue());
        assertEquals("html", entry.getContents().get(0).getType());
        assertEquals(BODY_HTML, entry.getContents().get(0).getValue());
        assertEquals(List.of(story.section(), story.tag(), "shared"), entry.getCategories().stream().map(Category::getTerm).toList());
        assertEquals(BYLINE, entry.getAuthors().get(0).getName());
        assertEquals("Copyright Agency & Co. Partners only.", entry.getRights());
        assertEquals("Agency & Co", entry.getSource().getTitle());
        Link replies = entry.getOtherLinks().stream().filter(l -> l.getRel().equals("replies")).findFirst().orElseThrow();
        assertTrue(replies.getHref().endsWith("/api/v1/articles/" + story.id() + "/comments"));
        assertTrue(response.asString().contains("thr:count=\"0\""));
        assertEquals("Based on Agency report", foreign(entry.getForeignMarkup(), "attribution"));
    }

    @Test
    void jsonFeedCarriesEveryFieldAndTheBylineExtension() {
        Story story = story();
        given().when().get("/feeds/sources/" + story.source() + "/feed.json")
                .then().statusCode(200)
                .contentType(startsWith("application/feed+json"))
                .body("version", equalTo("https://jsonfeed.org/version/1.1"))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo("urn:uuid:" + story.id()))
                .body("items[0].url", equalTo(CANONICAL))
                .body("items[0].title", equalTo(HEADLINE))
                .body("items[0].summary", equalTo(STANDFIRST))
                .body("items[0].content_text", equalTo(STANDFIRST))
                .body("items[0].content_html", nullValue())
                .body("items[0].tags", equalTo(List.of(story.section(), story.tag(), "shared")))
                .body("items[0].authors[0].name", equalTo(BYLINE))
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
    void partnersNeverSeeWhatTheyMayNotSyndicate() {
        String section = Fixtures.unique("sec");
        String open = newsroom.published(Map.of("headline", "Free to share", "section", section));
        String closed = newsroom.published(Map.of("headline", "Ours only", "section", section,
                "rights", Map.of("syndicatable", false)));
        given().when().get("/feeds/sections/" + section + "/feed.json")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of("urn:uuid:" + closed, "urn:uuid:" + open)));
        for (String file : List.of("feed.json", "rss.xml", "atom.xml")) {
            String body = newsroom.asPartner().when().get("/feeds/sections/" + section + "/" + file)
                    .then().statusCode(200).extract().asString();
            assertTrue(body.contains(open), file);
            assertTrue(!body.contains(closed), file + " must not carry a non-syndicatable article");
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
    void badRequestsAreProblems() {
        given().get("/feeds/rss.txt").then().statusCode(404).contentType("application/problem+json");
        given().get("/feeds/rss.xml?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().get("/feeds/sections/Not_A_Slug/rss.xml").then().statusCode(400)
                .body("errors[0].field", equalTo("section"));
        given().get("/feeds/sources/" + Fixtures.unique("nobody") + "/atom.xml").then().statusCode(404);
        given().get("/feeds/feed.json?limit=2").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2));
        given().get("/feeds/tags/" + Fixtures.unique("none") + "/feed.json").then().statusCode(200).body("items", hasSize(0));
    }

    private static String foreign(List<Element> markup, String name) {
        return markup.stream().filter(e -> e.getName().equals(name)).map(Element::getText).findFirst().orElse(null);
    }

}

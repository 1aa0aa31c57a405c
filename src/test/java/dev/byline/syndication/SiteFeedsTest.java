package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import dev.byline.support.Fixtures;
import dev.byline.support.NewsSite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdom2.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the newsroom's site configured, feeds and ninjs send readers to its pages and keep the API's JSON as a second,
 * typed link.
 */
@QuarkusTest
@TestProfile(NewsSite.class)
class SiteFeedsTest {

    static final String HOME = NewsSite.HOME;

    static Newsroom newsroom;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    private static String slugOf(String id) {
        return given().get("/api/v1/articles/" + id).then().statusCode(200).extract().path("slug");
    }

    @Test
    void rssItemsLinkToTheSitesPagesAndTheChannelToItsHomePage() throws Exception {
        String section = Fixtures.unique("sec");
        String id = newsroom.published(Map.of("headline", "On the site", "section", section));
        Channel channel = FeedResourceTest.rss(given().get("/feeds/sections/" + section + "/rss.xml").then()
                .statusCode(200).extract().asByteArray(), false);
        assertEquals(HOME, channel.getLink());
        assertEquals("en-GB", channel.getLanguage());
        Item item = channel.getItems().get(0);
        assertEquals("https://news.example/" + section + "/" + slugOf(id), item.getLink());
        Element api = item.getForeignMarkup().stream().filter(e -> e.getName().equals("link")).findFirst().orElseThrow();
        assertEquals("application/json", api.getAttributeValue("type"));
        assertTrue(api.getAttributeValue("href").endsWith("/api/v1/articles/" + slugOf(id)));
    }

    @Test
    void atomNamesTheNewsroomAndOffersBothThePageAndTheJson() throws Exception {
        String tag = Fixtures.unique("tag");
        String id = newsroom.published(Map.of("headline", "No section", "tags", List.of(tag)));
        byte[] bytes = given().get("/feeds/tags/" + tag + "/atom.xml").then().statusCode(200).extract().asByteArray();
        com.rometools.rome.feed.atom.Feed feed = FeedResourceTest.atom(bytes, false);
        assertEquals("Example News & Co", feed.getAuthors().get(0).getName());
        assertEquals("en-GB", FeedResourceTest.xmlLang(bytes, "feed"));
        assertEquals(List.of(HOME, "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/articles?tag=" + tag),
                feed.getAlternateLinks().stream().map(Link::getHref).toList());
        Entry entry = feed.getEntries().get(0);
        assertEquals(List.of("https://news.example/" + slugOf(id), "application/json"),
                List.of(entry.getAlternateLinks().get(0).getHref(), entry.getAlternateLinks().get(1).getType()),
                "an article without a section has no section in its page's URL");
    }

    @Test
    void jsonFeedItemsLinkToTheSiteAndKeepTheApiInTheExtension() {
        String section = Fixtures.unique("sec");
        String id = newsroom.published(Map.of("headline", "Pages and JSON", "section", section));
        String canonical = newsroom.published(Map.of("headline", "Elsewhere first", "section", section,
                "canonicalUrl", "https://agency.example/story"));
        given().get("/feeds/sections/" + section + "/feed.json").then().statusCode(200)
                .body("home_page_url", equalTo(HOME))
                .body("language", equalTo("en-GB"))
                .body("authors[0].name", equalTo("Example News & Co"))
                .body("items[0].url", equalTo("https://agency.example/story"))
                .body("items[0]._byline.href", endsWith("/api/v1/articles/" + slugOf(canonical)))
                .body("items[1].url", equalTo("https://news.example/" + section + "/" + slugOf(id)))
                .body("items[1]._byline.href", endsWith("/api/v1/articles/" + slugOf(id)));
    }

    @Test
    void ninjsOffersThePageAndTheJsonAsTypedRenditions() throws Exception {
        String section = Fixtures.unique("sec");
        String id = newsroom.published(Map.of("headline", "Typed links", "section", section));
        String ninjs = "/api/v1/articles/" + id + "/ninjs";
        String document = given().get(ninjs).then().statusCode(200)
                .body("uri", equalTo("urn:uuid:" + id))
                .body("renditions.name", equalTo(List.of("web", "api")))
                .body("renditions.contentType", equalTo(List.of("text/html", "application/json")))
                .body("renditions[0].href", equalTo("https://news.example/" + section + "/" + slugOf(id)))
                .body("renditions[1].href", equalTo("http://localhost:" + io.restassured.RestAssured.port
                        + "/api/v1/articles/" + id))
                .extract().asString();
        NinjsTest.assertValidNinjs(document);
        // Kept for a check with the reference validator: shared/tools/ninjs-validate target/ninjs-site-sample.json
        Files.writeString(Path.of("target/ninjs-site-sample.json"), document);

        // A partner has an embargoed story before the public, which has no page for it yet: only the JSON's link.
        String embargoed = newsroom.draft(Map.of("headline", "Not on the site yet", "section", section));
        newsroom.publish(embargoed, Map.of("embargoedUntil", Instant.now().plus(2, ChronoUnit.HOURS).toString()));
        NinjsTest.assertValidNinjs(newsroom.asPartner().get("/api/v1/articles/" + embargoed + "/ninjs").then()
                .statusCode(200).body("pubStatus", equalTo("usable"))
                .body("renditions.name", equalTo(List.of("api"))).extract().asString());

        // Withheld: nothing to read, so nothing to link to; uri still names it.
        newsroom.withdraw(id);
        given().get(ninjs).then().statusCode(200).body("pubStatus", equalTo("withheld"))
                .body("uri", equalTo("urn:uuid:" + id)).body("renditions", nullValue());
    }
}

package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import dev.byline.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** The language versions of an article as partners' formats show them: ninjs associations, Atom hreflang, JSON Feed. */
@QuarkusTest
class LanguageVersionsTest {

    private static final String ENGLISH = "Grain shipments resume after talks";
    private static final String RUSSIAN = "Поставки зерна возобновлены";
    private static Newsroom newsroom;

    private record Set(String tag, String original, String russian, String russianSlug) {
    }

    @BeforeAll
    static void setUp() {
        newsroom = new Newsroom();
    }

    private static Set set() {
        String tag = Fixtures.unique("versions");
        String original = newsroom.published(Map.of("headline", ENGLISH, "tags", List.of(tag)));
        String russian = newsroom.published(Map.of("headline", RUSSIAN, "language", "ru", "translationOf", original,
                "tags", List.of(tag)));
        newsroom.draft(Map.of("headline", "Les livraisons reprennent", "language", "fr", "translationOf", original));
        String russianSlug = given().get("/api/v1/articles/" + russian).then().statusCode(200).extract().path("slug");
        return new Set(tag, original, russian, russianSlug);
    }

    @Test
    void ninjsNamesTheOtherLanguageVersionsAsAssociations() throws java.io.IOException {
        Set set = set();
        String original = given().get("/api/v1/articles/" + set.original() + "/ninjs")
                .then().statusCode(200)
                .body("associations", hasSize(1))
                .body("associations[0].rel", equalTo("translation"))
                .body("associations[0].name", equalTo(RUSSIAN))
                .body("associations[0].uri", equalTo("urn:uuid:" + set.russian()))
                .body("associations[0].language", equalTo("ru"))
                .body("associations[0].slugline", equalTo(set.russianSlug()))
                .extract().asString();
        NinjsTest.assertValidNinjs(original);
        // Kept for a check with the reference validator: shared/tools/ninjs-validate target/ninjs-translation-sample.json
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/ninjs-translation-sample.json"), original);
        String russian = given().get("/api/v1/articles/" + set.russian() + "/ninjs")
                .then().statusCode(200)
                .body("associations.rel", contains("original"))
                .body("associations[0].uri", equalTo("urn:uuid:" + set.original()))
                .body("associations[0].altIds[0].role", equalTo("api"))
                .body("associations[0].altIds[0].value", endsWith("/api/v1/articles/" + set.original()))
                .extract().asString();
        NinjsTest.assertValidNinjs(russian);
    }

    @Test
    void atomLinksEachEntryToItsOtherLanguagesWithHreflang() throws Exception {
        Set set = set();
        Response response = given().get("/feeds/tags/" + set.tag() + "/atom.xml").then().statusCode(200).extract().response();
        com.rometools.rome.feed.atom.Feed feed = (com.rometools.rome.feed.atom.Feed) new WireFeedInput()
                .build(new InputSource(new ByteArrayInputStream(response.asByteArray())));
        assertEquals(2, feed.getEntries().size());
        Entry russian = feed.getEntries().get(0);
        Entry english = feed.getEntries().get(1);
        assertEquals("urn:uuid:" + set.original(), english.getId());
        List<Link> languages = english.getAlternateLinks().stream().filter(l -> l.getHreflang() != null).toList();
        assertEquals(1, languages.size(), "the draft French version is not linked");
        assertEquals("ru", languages.get(0).getHreflang());
        assertTrue(languages.get(0).getHref().endsWith("/api/v1/articles/" + set.russianSlug()), languages.get(0).getHref());
        assertEquals(RUSSIAN, languages.get(0).getTitle());
        assertEquals(List.of("en"), russian.getAlternateLinks().stream().map(Link::getHreflang)
                .filter(java.util.Objects::nonNull).toList());
    }

    @Test
    void jsonFeedListsTheOtherLanguagesInTheBylineExtension() {
        Set set = set();
        given().get("/feeds/tags/" + set.tag() + "/feed.json").then().statusCode(200)
                .body("items.id", contains("urn:uuid:" + set.russian(), "urn:uuid:" + set.original()))
                .body("items[1]._byline.translations", hasSize(1))
                .body("items[1]._byline.translations[0].language", equalTo("ru"))
                .body("items[1]._byline.translations[0].id", equalTo("urn:uuid:" + set.russian()))
                .body("items[1]._byline.translations[0].slug", equalTo(set.russianSlug()))
                .body("items[0]._byline.translations.language", contains("en"));
    }
}

package dev.byline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Partners' RSS and Atom feeds, read without resolving anything a document declares. */
class FeedReaderTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel>
                <title>Harbour Blog</title>
                <link>https://harbour.example/</link>
                <description>Port news</description>
                <language>en-us</language>
                <item>
                  <title>Port reopens after strike</title>
                  <link>https://harbour.example/2026/11/port-reopens</link>
                  <guid isPermaLink="false">harbour-2026-11-28-port</guid>
                  <author>desk@harbour.example (Harbour Desk)</author>
                  <category>Shipping</category>
                  <pubDate>Sat, 28 Nov 2026 09:30:00 GMT</pubDate>
                  <source url="https://wire.example/rss">Pahari News Wire</source>
                  <description>Dockers returned on Monday.</description>
                  <content:encoded><![CDATA[<p>Dockers returned to work on Monday, according to Velmora Times.</p>
                    <p>Queues should clear by Friday.</p><p>The post Port reopens appeared first on Harbour Blog.</p>]]>
                  </content:encoded>
                </item>
                <item>
                  <title></title>
                  <description>An item without a title.</description>
                </item>
              </channel>
            </rss>
            """;

    private static FeedReader.Feed read(String xml) {
        return FeedReader.read(xml.getBytes(StandardCharsets.UTF_8), Language.DEFAULT);
    }

    @Test
    void rssItemsKeepTheirGuidAndTellWhereTheyCameFrom() {
        FeedReader.Feed feed = read(RSS);
        WireStory story = FeedReader.story(feed, feed.entries().get(0), 1);

        assertEquals(ImportForm.RSS, feed.form());
        assertEquals("rss_2.0", feed.feedType());
        assertEquals(new Language("en-US", "the feed's language"), feed.language());
        assertEquals("harbour-2026-11-28-port", story.origin());
        assertEquals(Instant.parse("2026-11-28T09:30:00Z"), story.versionAt());
        assertEquals("Port reopens after strike", story.headline());
        assertTrue(story.bodyHtml().contains("according to Velmora Times"), "content:encoded wins over description");
        assertEquals("Harbour Desk", story.byline());
        assertEquals("https://harbour.example/2026/11/port-reopens", story.canonicalUrl());
        assertEquals(java.util.List.of("shipping"), story.tags());
        assertEquals(new WireStory.SourceHint("Pahari News Wire", "item-source"), story.sourceHint());
    }

    @Test
    void anItemWithoutATitleIsRefusedAlone() {
        FeedReader.Feed feed = read(RSS);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> FeedReader.story(feed, feed.entries().get(1), 2));

        assertEquals("items[2].title", refused.errors().get(0).field());
    }

    @Test
    void atomEntriesKeepTheirIdAndUpdatedTime() {
        FeedReader.Feed feed = read("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
                  <title>Край-Инфо</title>
                  <id>urn:uuid:5a1c9e60-0d3c-4d43-9a57-2e0b7b0e0a01</id>
                  <updated>2026-11-28T10:00:00Z</updated>
                  <entry>
                    <title>Наводнение отрезало горные сёла</title>
                    <id>tag:krai.example,2026:flood-1</id>
                    <updated>2026-11-28T10:00:00Z</updated>
                    <content type="text">Вода размыла дорогу.</content>
                  </entry>
                </feed>
                """);
        WireStory story = FeedReader.story(feed, feed.entries().get(0), 1);

        assertEquals(ImportForm.ATOM, feed.form());
        assertEquals("tag:krai.example,2026:flood-1", story.origin());
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), story.versionAt());
        assertEquals("Вода размыла дорогу.", story.bodyText());
        assertNull(story.bodyHtml());
        assertEquals("ru", story.language().value());
        assertEquals(new WireStory.SourceHint("Край-Инфо", "feed-title"), story.sourceHint());
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsResolved() {
        ProblemException refused = assertThrows(ProblemException.class, () -> read("""
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title><item><title>&secret;</title></item></channel></rss>
                """));

        assertEquals(ProblemType.MALFORMED, refused.type());
        assertTrue(refused.getMessage().startsWith("The document declares a DOCTYPE (line 2)"), refused.getMessage());
    }

    @Test
    void malformedXmlIsRefusedWithItsLineAndColumn() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> read("<rss version=\"2.0\"><channel><title>t</title><item></channel></rss>"));

        assertEquals(ProblemType.MALFORMED, refused.type());
        assertTrue(refused.getMessage().startsWith("The document is not well-formed XML at line 1, column "),
                refused.getMessage());
    }

    @Test
    void aFeedWithoutItemsAndXmlThatIsNoFeedAreRefused() {
        assertEquals("The feed has no items, so there is nothing to import.", assertThrows(ProblemException.class,
                () -> read("<rss version=\"2.0\"><channel><title>t</title></channel></rss>")).getMessage());
        assertTrue(assertThrows(ProblemException.class, () -> read("<html><body>Not a feed</body></html>"))
                .getMessage().contains("neither RSS nor Atom"));
    }
}

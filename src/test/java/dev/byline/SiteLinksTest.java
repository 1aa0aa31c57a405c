package dev.byline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The site settings: how an article's page is made from the template, and which settings stop the service. */
class SiteLinksTest {

    private static final UUID ID = UUID.fromString("01935e2a-7b4c-7d3e-9f10-2a3b4c5d6e7f");

    @Test
    void anArticlePageFillsInTheTemplate() {
        SiteLinks site = new SiteLinks(Optional.of("https://news.example/"),
                Optional.of("https://news.example/{section}/{slug}?ref={id}"));
        assertEquals(Optional.of(URI.create("https://news.example/")), site.home());
        assertEquals(Optional.of(URI.create("https://news.example/world/grain-talks?ref=" + ID)),
                site.article(ID, "grain-talks", "world"));
        assertEquals(Optional.of(URI.create("https://news.example/grain-talks?ref=" + ID)),
                site.article(ID, "grain-talks", null), "without a section, its segment goes");
    }

    @Test
    void whatIsNotAPlainSegmentIsPercentEncoded() {
        SiteLinks site = new SiteLinks(Optional.empty(), Optional.of("https://news.example/{section}/{slug}"));
        // Input rules keep slugs and sections to a-z, 0-9 and hyphens; a row from before them must still link.
        assertEquals(Optional.of(URI.create("https://news.example/a%C3%A7%C3%A3o/grain%20talks%2Fnow%3F")),
                site.article(ID, "grain talks/now?", "ação"));
        assertEquals("grain-talks_2.0~", SiteLinks.segment("grain-talks_2.0~"));
    }

    @Test
    void unsetOrBlankSettingsMeanNoSite() {
        SiteLinks none = new SiteLinks(Optional.empty(), Optional.of("  "));
        assertEquals(Optional.empty(), none.home());
        assertEquals(Optional.empty(), none.article(ID, "a", "b"));
    }

    @Test
    void aMalformedSettingStopsTheServiceWithItsName() {
        for (String bad : new String[] {"news.example", "ftp://news.example/", "https://news example/"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new SiteLinks(Optional.of(bad), Optional.empty()));
            assertTrue(e.getMessage().startsWith("BYLINE_SITE_BASE_URL"), e.getMessage());
        }
        var noSlug = assertThrows(IllegalArgumentException.class,
                () -> new SiteLinks(Optional.empty(), Optional.of("https://news.example/{section}")));
        assertTrue(noSlug.getMessage().contains("{slug}"), noSlug.getMessage());
        var relative = assertThrows(IllegalArgumentException.class,
                () -> new SiteLinks(Optional.empty(), Optional.of("/{section}/{slug}")));
        assertTrue(relative.getMessage().startsWith("BYLINE_SITE_ARTICLE_URL"), relative.getMessage());
    }
}

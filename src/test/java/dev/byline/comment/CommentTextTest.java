package dev.byline.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalisation, HTML and the filters' view of text: nothing invisible survives, nothing but escaped text goes out. */
class CommentTextTest {

    @Test
    void normalisationComposesAndRemovesInvisibleAndDirectionCharacters() {
        assertEquals("Café", CommentText.normalise("Cafe\u0301"));
        assertEquals("word", CommentText.normalise("w\u200Bo\u200Cr\u200Dd\u2060\uFEFF"));
        assertEquals("abc", CommentText.normalise("\u202Ea\u202Db\u2066c\u2069\u202C\u200E\u200F"));
        assertEquals("one\n\n two", CommentText.normalise("  one  \r\n\r\n\r\n\n two \t"));
        assertEquals("", CommentText.normalise("\u200B \u200D\n"));
        assertEquals("Jo Smith", CommentText.normaliseLine(" Jo \n\t Smith "));
    }

    @Test
    void htmlHoldsOnlyParagraphsBreaksAndLinksAndEscapesTheRest() {
        assertEquals("<p>a &lt;b&gt;bold&lt;/b&gt;<br>line</p><p>next</p>", CommentText.toHtml("a <b>bold</b>\nline\n\nnext"));
        assertEquals("<p>see <a href=\"https://example.org/x?a=1&amp;b=2\" rel=\"nofollow ugc noopener\">"
                + "https://example.org/x?a=1&amp;b=2</a>.</p>", CommentText.toHtml("see https://example.org/x?a=1&b=2."));
        assertEquals("<p><a href=\"https://www.example.org\" rel=\"nofollow ugc noopener\">www.example.org</a></p>",
                CommentText.toHtml("www.example.org"));
        assertEquals("<p>javascript:alert(1) &quot;x&quot; onclick=&quot;y&quot;</p>",
                CommentText.toHtml("javascript:alert(1) \"x\" onclick=\"y\""));
    }

    @Test
    void linksAreCounted() {
        assertEquals(0, CommentText.countLinks("no links, example dot org"));
        assertEquals(3, CommentText.countLinks("https://a.example, http://b.example/x and www.c.example!"));
    }

    @Test
    void bannedWordsMatchWholeWordsWhateverTheCaseOrAccents() {
        List<String> banned = List.of("idiotic", "scam coin");
        assertEquals(List.of("idiotic"), CommentText.bannedWordsIn("What an IDIOTIC plan", banned));
        assertEquals(List.of("scam coin"), CommentText.bannedWordsIn("buy scam-coin now", banned));
        assertEquals(List.of("idiotic"), CommentText.bannedWordsIn(CommentText.normalise("idi\u200Botic"), banned));
        assertTrue(CommentText.bannedWordsIn("idiotically long", banned).isEmpty());
        assertFalse(CommentText.hasControlCharacters("tab\tand\nline"));
        assertTrue(CommentText.hasControlCharacters("bell\u0007"));
    }
}

package dev.byline.article;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.web.Problem.FieldError;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The article body sanitiser and the plain-text, word-count and reading-time rules, without the application. */
class ArticleBodyTest {

    private static final String ALLOWED_MARKUP = "<h2>Talks end</h2>"
            + "<p>Ships <strong>left</strong> port, <em>officials</em> said. "
            + "<a href=\"https://example.org/report\" title=\"Report\">Read the report</a>, "
            + "<a href=\"http://example.org/old\">the old one</a> or "
            + "<a href=\"mailto:desk@example.org\">write to the desk</a>.</p>"
            + "<blockquote cite=\"https://example.org/quote\"><p>We are pleased.</p></blockquote>"
            + "<ul><li>One</li><li>Two</li></ul>"
            + "<figure><img src=\"https://example.org/ship.jpg\" alt=\"A ship\"><figcaption>A ship</figcaption></figure>";

    // --- HTML that is kept ---------------------------------------------------------------------------------------

    @Test
    void keepsAllowedMarkupAndHttpHttpsAndMailtoLinks() {
        ArticleBody body = ArticleBody.fromHtml(ALLOWED_MARKUP);

        assertEquals(ALLOWED_MARKUP, body.html());
    }

    @Test
    void dropsHarmlessMarkupOutsideTheAllowListButKeepsItsText() {
        ArticleBody body = ArticleBody.fromHtml(
                "<div class=\"lead\"><p style=\"color: red\" class=\"intro\">Ships <span class=\"hl\">left</span> port.</p></div>");

        assertEquals("<p>Ships left port.</p>", body.html());
        assertEquals("Ships left port.", body.text());
    }

    @Test
    void dropsAttributesOutsideTheAllowListFromAllowedElements() {
        ArticleBody body = ArticleBody.fromHtml("<p id=\"x\" lang=\"en\"><a href=\"https://example.org\" target=\"_blank\""
                + " rel=\"opener\">link</a></p>");

        assertEquals("<p><a href=\"https://example.org\">link</a></p>", body.html());
    }

    // --- HTML that is refused ------------------------------------------------------------------------------------

    @Test
    void refusesScriptNamingIt() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> ArticleBody.fromHtml("<p>Hello</p><script>alert(1)</script>"));

        assertEquals(ProblemType.VALIDATION, refused.type());
        assertEquals(List.of(new FieldError("body", "bodyHtml",
                "contains markup that could run code, which is not allowed: <script> elements")), refused.errors());
        assertTrue(refused.getMessage().startsWith("Field 'bodyHtml' contains markup that could run code"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<SCRIPT src=\"https://evil.example/x.js\"></SCRIPT>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<object data=\"https://evil.example/x.swf\"></object>",
            "<embed src=\"https://evil.example/x.swf\">",
            "<form action=\"https://evil.example\"><input name=\"q\"></form>",
            "<svg><circle r=\"1\"></circle></svg>",
            "<style>p { color: red }</style>",
            "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example\">"})
    void refusesElementsThatCouldRunCode(String html) {
        ProblemException refused = assertThrows(ProblemException.class, () -> ArticleBody.fromHtml("<p>Hi</p>" + html));

        assertBodyHtmlRefused(refused, "elements");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src=\"https://example.org/a.jpg\" onerror=\"alert(1)\">",
            "<p onclick=\"alert(1)\">Click</p>",
            "<a href=\"https://example.org\" ONMOUSEOVER=\"alert(1)\">Hover</a>"})
    void refusesEventHandlers(String html) {
        ProblemException refused = assertThrows(ProblemException.class, () -> ArticleBody.fromHtml(html));

        assertBodyHtmlRefused(refused, "event handler attributes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java&#x09;script:alert(1)",
            "java&#x0A;script:alert(1)",
            "&#106;avascript:alert(1)",
            "\tjavascript:alert(1)",
            "vbscript:msgbox(1)"})
    void refusesScriptLinksHoweverTheyAreWritten(String href) {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> ArticleBody.fromHtml("<p><a href=\"" + href + "\">Click</a></p>"));

        assertBodyHtmlRefused(refused, "URLs (only http, https and mailto are allowed)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">Click</a>",
            "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\" alt=\"x\">",
            "<blockquote cite=\"DATA:text/html,hi\">Quote</blockquote>"})
    void refusesDataUrls(String html) {
        ProblemException refused = assertThrows(ProblemException.class, () -> ArticleBody.fromHtml(html));

        assertBodyHtmlRefused(refused, "data: URLs");
    }

    @Test
    void namesEveryKindOfRefusedMarkupOnce() {
        ProblemException refused = assertThrows(ProblemException.class, () -> ArticleBody.fromHtml(
                "<script>a()</script><script>b()</script><img src=\"x.jpg\" onerror=\"c()\"><a href=\"javascript:d()\">x</a>"));

        assertEquals("contains markup that could run code, which is not allowed: <script> elements; "
                + "event handler attributes such as onerror; javascript: URLs (only http, https and mailto are allowed)",
                refused.errors().get(0).message());
    }

    // --- plain text in -------------------------------------------------------------------------------------------

    @Test
    void textBecomesParagraphsWithLineBreaks() {
        ArticleBody body = ArticleBody.fromText("First line\nsecond line\n\nNext paragraph.");

        assertEquals("<p>First line<br>second line</p><p>Next paragraph.</p>", body.html());
        assertEquals("First line\nsecond line\n\nNext paragraph.", body.text());
    }

    @Test
    void textIsEscapedNotInterpreted() {
        ArticleBody body = ArticleBody.fromText("Tom & Jerry <script>alert(\"hi\")</script> it's");

        assertEquals("<p>Tom &amp; Jerry &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; it&apos;s</p>", body.html());
        assertEquals("Tom & Jerry <script>alert(\"hi\")</script> it's", body.text());
    }

    @Test
    void textParagraphsAreSplitOnBlankLinesWhateverTheLineEndings() {
        ArticleBody body = ArticleBody.fromText("\r\n  One.\r\n\r\n\r\nTwo.\r  \rThree.\n \t \n");

        assertEquals("<p>One.</p><p>Two.</p><p>Three.</p>", body.html());
        assertEquals("One.\n\nTwo.\n\nThree.", body.text());
    }

    // --- plain text out ------------------------------------------------------------------------------------------

    @Test
    void htmlGivesPlainTextWithParagraphsSeparatedByABlankLine() {
        ArticleBody body = ArticleBody.fromHtml("<h2>Talks end</h2><p>Ships <strong>left</strong>\n   port.</p>"
                + "<p>First line<br>second line</p><ul><li>One</li><li>Two</li></ul><p>Tom &amp; Jerry &lt;3</p>");

        assertEquals("Talks end\n\nShips left port.\n\nFirst line\nsecond line\n\nOne\n\nTwo\n\nTom & Jerry <3", body.text());
    }

    @Test
    void anEmptyBodyHasNoTextAndNoWords() {
        ArticleBody body = ArticleBody.fromHtml("<p> </p><p></p>");

        assertAll(
                () -> assertEquals("", body.text()),
                () -> assertEquals(0, body.wordCount()),
                () -> assertEquals(0, ArticleBody.readingTime(body.wordCount())));
    }

    // --- words and reading time ----------------------------------------------------------------------------------

    @Test
    void countsWordsOfTheTextNotTheMarkup() {
        ArticleBody body = ArticleBody.fromHtml("<p>Ships <a href=\"https://example.org/a-long-address\">left</a> port"
                + "</p><p>on   Thursday.</p>");

        assertEquals(5, body.wordCount());
    }

    @Test
    void countsWordsOfPlainText() {
        assertEquals(6, ArticleBody.fromText("One two three.\n\nFour\tfive\nsix").wordCount());
    }

    @Test
    void readingTimeIsWholeMinutesAt230WordsRoundedUp() {
        assertAll(
                () -> assertEquals(0, ArticleBody.readingTime(0)),
                () -> assertEquals(1, ArticleBody.readingTime(1)),
                () -> assertEquals(1, ArticleBody.readingTime(230)),
                () -> assertEquals(2, ArticleBody.readingTime(231)),
                () -> assertEquals(2, ArticleBody.readingTime(460)),
                () -> assertEquals(3, ArticleBody.readingTime(461)));
    }

    @Test
    void readingTimeOfABodyFollowsItsWords() {
        ArticleBody body = ArticleBody.fromText("word ".repeat(461));

        assertEquals(461, body.wordCount());
        assertEquals(3, ArticleBody.readingTime(body.wordCount()));
    }

    private static void assertBodyHtmlRefused(ProblemException refused, String naming) {
        assertEquals(ProblemType.VALIDATION, refused.type());
        assertEquals(1, refused.errors().size());
        FieldError error = refused.errors().get(0);
        assertEquals("body", error.in());
        assertEquals("bodyHtml", error.field());
        assertTrue(error.message().contains(naming), error.message());
    }
}

package dev.byline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.ingest.ImportReport.RemovedLine;
import dev.byline.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain-text wire format: headline, paragraphs, trailers, attribution line, byline and dateline. */
class WireCopyTest {

    private static final String BLOG_COPY = """
            Monsoon floods cut rail link to hill towns
            By Staff Reporter

            Shimla, Nov 28 (PNW): Heavy rain washed away a stretch of track between Kalka and Shimla on Thursday,
            officials said.

            The line will stay closed for at least a week, according to Velmora Times.

            based on pnw REPORT

            No comments:
            Post a Comment
            Share this: Facebook Twitter
            Also read: Landslides block highway near Solan
            """;

    private static WireStory read(String text) {
        return WireText.read(text.getBytes(StandardCharsets.UTF_8), Language.DEFAULT);
    }

    @Test
    void theFirstLineIsTheHeadlineAndBlankLinesSeparateParagraphs() {
        WireStory story = read(BLOG_COPY);
        WireCopy copy = WireCopy.ofText(story.bodyText(), story.bodyFirstLine());

        assertEquals("Monsoon floods cut rail link to hill towns", story.headline());
        assertEquals(List.of(
                "Shimla, Nov 28 (PNW): Heavy rain washed away a stretch of track between Kalka and Shimla on Thursday, "
                        + "officials said.",
                "The line will stay closed for at least a week, according to Velmora Times."),
                copy.paragraphs().stream().map(Paragraph::text).toList());
        assertEquals(4, copy.paragraphs().get(0).line(), "a paragraph knows the line it started on");
        assertEquals(2, copy.paragraphs().get(0).lines());
    }

    @Test
    void trailersBylineAndAttributionLineAreTakenOutWithTheirLinesAndReasons() {
        WireStory story = read(BLOG_COPY);
        WireCopy copy = WireCopy.ofText(story.bodyText(), story.bodyFirstLine());

        assertEquals("Staff Reporter", copy.byline());
        assertEquals("based on pnw REPORT", copy.attribution().text());
        assertEquals("based-on", copy.attribution().form());
        assertEquals("pnw", copy.attribution().name());
        assertEquals(9, copy.attribution().line());
        assertEquals("Shimla, Nov 28", copy.dateline());
        List<String> removed = copy.removed().stream().map(r -> r.line() + " " + r.text()).toList();
        assertEquals(List.of("11 No comments:", "12 Post a Comment", "13 Share this: Facebook Twitter",
                "14 Also read: Landslides block highway near Solan", "2 By Staff Reporter", "9 based on pnw REPORT"),
                removed);
        assertTrue(copy.removed().stream().filter(r -> r.line() == 11).map(RemovedLine::reason).findFirst().orElseThrow()
                .contains("comment count"));
        assertFalse(copy.bodyText().contains("Post a Comment"));
    }

    @Test
    void withoutBlankLinesEveryLineIsAParagraph() {
        WireStory story = read("Port reopens after strike\nDockers returned to work on Monday.\n"
                + "Shipping lines said queues would clear by Friday.\n— Harbour Wire\n");
        WireCopy copy = WireCopy.ofText(story.bodyText(), story.bodyFirstLine());

        assertEquals(2, copy.paragraphs().size());
        assertEquals("Harbour Wire", copy.attribution().text());
        assertEquals("dash", copy.attribution().form());
        assertEquals("Dockers returned to work on Monday.\n\nShipping lines said queues would clear by Friday.",
                copy.bodyText());
    }

    @Test
    void eachDocumentedAttributionFormIsRecognisedInAnyCase() {
        assertEquals("ANI", AttributionForms.line("Based on ANI report", true).orElseThrow().name());
        assertEquals("Reuters", AttributionForms.line("(Reuters) -", true).orElseThrow().name());
        assertEquals("AFP", AttributionForms.line("— AFP", true).orElseThrow().name());
        assertEquals("PTI", AttributionForms.line("SOURCE: PTI", true).orElseThrow().name());
        assertEquals("agencies", AttributionForms.line("With inputs from agencies", false).orElseThrow().name());
        assertEquals("Reuters", AttributionForms.line("Based on reports from Reuters.", false).orElseThrow().name());
        assertEquals("ТАСС", AttributionForms.line("Источник: ТАСС", false).orElseThrow().name());
        assertTrue(AttributionForms.line("— AFP", false).isEmpty(), "a dash line counts only first or last");
        assertTrue(AttributionForms.line("- the minister said that the talks would resume on Monday next week", true)
                .isEmpty(), "a dash and a sentence is not an attribution");
    }

    @Test
    void aWireDatelineGivesThePlaceAndTheAttributionWhenNoLineDoes() {
        WireStory story = read("Grain ships leave port\n\nISTANBUL (Reuters) - Cargo ships left port on Thursday.\n\n"
                + "More were expected.\n");
        WireCopy copy = WireCopy.ofText(story.bodyText(), story.bodyFirstLine());

        assertEquals("ISTANBUL", copy.dateline());
        assertEquals("Reuters", copy.attribution().text());
        assertEquals("dateline", copy.attribution().form());
        assertTrue(copy.bodyText().startsWith("ISTANBUL (Reuters) - "), "the dateline stays in the story");
    }

    @Test
    void aStoryOfOneParagraphIsNeverTakenForItsAttribution() {
        WireStory story = read("Flash\n\n— AFP\n");
        WireCopy copy = WireCopy.ofText(story.bodyText(), story.bodyFirstLine());

        assertNull(copy.attribution());
        assertEquals("— AFP", copy.bodyText());
    }

    @Test
    void htmlBodiesLoseTrailerBlocksAndTheirAttributionParagraph() {
        WireCopy copy = WireCopy.ofHtml("<p>Ships left port on Thursday, according to Velmora Times.</p>"
                + "<p>More were expected.</p><p>— Harbour Wire</p>"
                + "<div class=\"share\">Share this: <a href=\"https://x.example/\">X</a></div>"
                + "<p>The post Ships leave appeared first on Harbour Blog.</p>");

        assertEquals("<p>Ships left port on Thursday, according to Velmora Times.</p><p>More were expected.</p>",
                copy.bodyHtml());
        assertEquals("Harbour Wire", copy.attribution().text());
        assertEquals(3, copy.removed().size());
        assertNull(copy.removed().get(0).line(), "HTML has no lines to point at");
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheByteAndLine() {
        byte[] latin1 = "Caf\u00e9 reopens\n\nThe caf\u00e9 reopened.".getBytes(StandardCharsets.ISO_8859_1);
        ProblemException refused = assertThrows(ProblemException.class, () -> WireText.decode(latin1));

        assertEquals("The text is not UTF-8: the byte 0xE9 on line 1 (byte 3 of the body) does not belong to a UTF-8 "
                + "character. Convert the text to UTF-8 (for example with iconv -t UTF-8) and send it again.",
                refused.getMessage());
    }

    @Test
    void emptyAndBlankBodiesAndControlCharactersAreRefused() {
        assertThrows(ProblemException.class, () -> WireText.decode(new byte[0]));
        assertTrue(assertThrows(ProblemException.class, () -> WireText.decode(" \n\t\n".getBytes(StandardCharsets.UTF_8)))
                .getMessage().startsWith("The body is empty"));
        assertEquals("Line 2, column 4 holds the control character U+0007, which is not allowed in text; only tabs "
                + "and line breaks are.", assertThrows(ProblemException.class,
                        () -> WireText.decode("Head\nBod\u0007y".getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreAccepted() {
        WireStory story = read("\uFEFFHeadline\r\n\r\nOne.\r\n\r\nTwo.\r\n");
        assertEquals("Headline", story.headline());
        assertEquals("One.\n\nTwo.", WireCopy.ofText(story.bodyText(), story.bodyFirstLine()).bodyText());
    }

    @Test
    void theTextFingerprintIgnoresCaseSpacingAndPunctuation() {
        assertEquals(TextFingerprint.of("Port reopens", "Dockers returned — on Monday."),
                TextFingerprint.of("PORT  REOPENS", "Dockers returned, on Monday"));
        assertFalse(TextFingerprint.of("Port reopens", "on Monday").equals(TextFingerprint.of("Port reopens", "on Tuesday")));
    }

    @Test
    void versionsAreComparedAsNumbersThenByTime() {
        assertEquals(VersionOrder.NEWER, VersionOrder.of("2", null, "10", null));
        assertEquals(VersionOrder.OLDER, VersionOrder.of("3.1", null, "3", null));
        assertEquals(VersionOrder.SAME, VersionOrder.of("2", null, "2.0", null));
        java.time.Instant then = java.time.Instant.parse("2026-11-28T09:30:00Z");
        assertEquals(VersionOrder.NEWER, VersionOrder.of("a", then, "b", then.plusSeconds(60)));
        assertEquals(VersionOrder.UNKNOWN, VersionOrder.of("a", null, "b", null));
    }
}

package dev.byline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.article.CitationRole;
import dev.byline.ingest.ImportReport.CitationFinding;
import dev.byline.ingest.ProvenanceDetector.Detection;
import dev.byline.ingest.SourceRegister.Known;
import dev.byline.ingest.WireStory.InfoSource;
import dev.byline.source.SourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Provenance found against a register by fixed rules, each finding with its evidence. */
class ProvenanceDetectorTest {

    private static final Known PNW = new Known("pnw", "Pahari News Wire", SourceKind.WIRE_AGENCY, List.of("PNW"));
    private static final Known VELMORA = new Known("velmora", "Velmora Times", SourceKind.NEWSPAPER, List.of());
    private static final Known KESTREL = new Known("kestrel", "Kestrel Radio", SourceKind.BROADCASTER, List.of("KR"));
    private static final Known X = new Known("x", "X", SourceKind.SOCIAL_PLATFORM, List.of("Twitter"));
    private static final Known SOVA = new Known("sova", "Агентство Сова", SourceKind.WIRE_AGENCY, List.of("СОВА"));
    private static final Known KRAI = new Known("krai", "Край-Инфо", SourceKind.NEWS_WEBSITE, List.of());
    private static final Known PARVAT = new Known("parvat", "Parvat Samachar", SourceKind.WIRE_AGENCY,
            List.of("पर्वत समाचार"));
    private static final SourceRegister REGISTER = new SourceRegister(List.of(PNW, VELMORA, KESTREL, X, SOVA, KRAI,
            PARVAT));

    private static Detection detect(String text) {
        return detect(text, List.of());
    }

    private static Detection detect(String text, List<InfoSource> infoSources) {
        WireStory read = WireText.read(text.getBytes(StandardCharsets.UTF_8), Language.DEFAULT);
        WireStory story = new WireStory(read.form(), null, null, null, read.headline(), null, null, read.bodyText(),
                read.bodyFirstLine(), null, null, read.language(), List.of(), infoSources, null, null, null, null,
                List.of());
        return new ProvenanceDetector(REGISTER).detect(story, WireCopy.ofText(story.bodyText(), story.bodyFirstLine()));
    }

    @Test
    void theAttributionNamesTheSourceByAliasInAnyCase() {
        Detection found = detect("Rail link cut\n\nHeavy rain washed away the track.\n\nbased on pnw REPORT\n");

        assertEquals("pnw", found.source().source().slug());
        assertEquals("pnw", found.source().matched());
        assertEquals("alias", found.source().matchedOn());
        assertEquals("attribution", found.source().from());
        assertEquals("based on pnw REPORT", found.attribution().text());
    }

    @Test
    void citedOutletsAreFoundByTheirCuesWithTheSentenceAsEvidence() {
        Detection found = detect("""
                Rail link cut

                Heavy rain washed away the track. The line will stay shut for a week, according to Velmora Times.

                A spokesperson told kestrel radio that engineers had arrived. The minister said in a post on X that \
                help was on its way.

                — PNW
                """);

        List<CitationFinding> citations = found.citations();
        assertEquals(List.of("velmora", "kestrel", "x"), citations.stream().map(c -> c.source().slug()).toList());
        assertEquals(CitationRole.CITED, citations.get(0).role());
        assertEquals("according to", citations.get(0).cue());
        assertEquals("The line will stay shut for a week, according to Velmora Times.", citations.get(0).evidence());
        assertEquals(CitationRole.QUOTED, citations.get(1).role());
        assertEquals("kestrel radio", citations.get(1).matched());
        assertEquals("told", citations.get(1).cue());
        assertEquals("in a post on", citations.get(2).cue());
        assertEquals(CitationRole.QUOTED, citations.get(2).role());
        assertEquals("pnw", found.source().source().slug());
    }

    @Test
    void namesTheRegisterDoesNotKnowAreSuggestedNotCited() {
        Detection found = detect("""
                Rail link cut

                Interfax reported similar damage further north, citing the Moscow Bureau of Weather.

                Officials told reporters the damage was severe. According to Prime Minister Rao, help is coming.

                — Zorvex Wire
                """);

        assertNull(found.source());
        assertTrue(found.citations().isEmpty());
        assertEquals(List.of("Interfax", "Moscow Bureau of Weather", "Zorvex Wire"),
                found.suggestions().stream().map(ImportReport.Suggestion::name).sorted().toList());
        assertTrue(found.notes().stream().anyMatch(n -> n.contains("'Zorvex Wire', which is not in the source register")));
    }

    @Test
    void theSourceIsNotAlsoCited() {
        Detection found = detect("Rail link cut\n\nPNW reported the damage first.\n\nSource: PNW\n");

        assertEquals("pnw", found.source().source().slug());
        assertTrue(found.citations().isEmpty());
    }

    @Test
    void aNameTwoSourcesShareIsAmbiguousAndChoosesNeither() {
        SourceRegister twice = new SourceRegister(List.of(PNW,
                new Known("pnw-2", "Pune News Weekly", SourceKind.NEWSPAPER, List.of("pnw"))));
        WireStory story = WireText.read("Rail\n\nThe track washed away.\n\nSource: PNW\n".getBytes(StandardCharsets.UTF_8),
                Language.DEFAULT);
        Detection found = new ProvenanceDetector(twice).detect(story, WireCopy.ofText(story.bodyText(), 3));

        assertNull(found.source());
        assertTrue(found.notes().stream().anyMatch(n -> n.contains("(pnw, pnw-2)")), found.notes().toString());
    }

    @Test
    void russianStoriesAreReadWithTheirOwnCuesAndCyrillicCase() {
        Detection found = detect("""
                Наводнение отрезало горные сёла

                Вода размыла дорогу между сёлами, сообщает Край-Инфо. По данным Интерфакса, ремонт займёт неделю.

                — сова
                """);

        assertEquals("sova", found.source().source().slug());
        assertEquals("alias", found.source().matchedOn());
        assertEquals(List.of("krai"), found.citations().stream().map(c -> c.source().slug()).toList());
        assertEquals("Вода размыла дорогу между сёлами, сообщает Край-Инфо.", found.citations().get(0).evidence());
        assertEquals(List.of("Интерфакса"), found.suggestions().stream().map(ImportReport.Suggestion::name).toList());
    }

    @Test
    void hindiStoriesAreReadWithTheirOwnCues() {
        Detection found = detect("""
                भूस्खलन से राजमार्ग बंद

                पर्वत समाचार के अनुसार राजमार्ग दो दिन बंद रहेगा।
                """);

        assertEquals(List.of("parvat"), found.citations().stream().map(c -> c.source().slug()).toList());
        assertEquals("के अनुसार", found.citations().get(0).cue());
    }

    @Test
    void ninjsInfoSourcesGiveTheOriginatorAndCitationsWithTheirRoles() {
        Detection found = detect("Rail link cut\n\nThe track washed away.\n", List.of(
                new InfoSource("Pahari News Wire", "originator", null),
                new InfoSource(null, "photo", "kestrel"),
                new InfoSource("Unknown Photo Desk", "photo", null)));

        assertEquals("pnw", found.source().source().slug());
        assertEquals("info-source", found.source().from());
        assertEquals("name", found.source().matchedOn());
        assertEquals(CitationRole.PHOTO, found.citations().get(0).role());
        assertEquals("kestrel", found.citations().get(0).source().slug());
        assertEquals("Unknown Photo Desk", found.suggestions().get(0).name());
    }

    @Test
    void sentencesDoNotEndAtInitialsOrAbbreviations() {
        assertEquals(List.of("U.S. officials met Mr. Rao on Nov. 28 in Washington.", "Talks went on."),
                Sentences.split("U.S. officials met Mr. Rao on Nov. 28 in Washington. Talks went on."));
        assertEquals(List.of("राजमार्ग बंद रहेगा।", "मरम्मत जारी है।"), Sentences.split("राजमार्ग बंद रहेगा। मरम्मत जारी है।"));
    }
}

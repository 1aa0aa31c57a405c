package dev.byline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.web.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ninjs 1.x and 2.x/3.x documents read into one shape; what cannot be read is named. */
class NinjsReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireStory read(String json) throws Exception {
        JsonNode document = JSON.readTree(json);
        return NinjsReader.read(document, Language.DEFAULT);
    }

    @Test
    void ninjs3IsReadWithItsBodiesSubjectsAndInfoSources() throws Exception {
        WireStory story = read("""
                {"uri": "urn:newsml:wire.example:20261128:rail-01", "version": "2", "type": "text",
                 "versionCreated": "2026-11-28T09:30:00+05:30", "language": "en-gb",
                 "headlines": [{"role": "sub", "value": "Track washed away"}, {"role": "main", "value": "Rail link cut"}],
                 "bodies": [{"role": "main", "contentType": "text/plain", "value": "Rain washed away the track."},
                            {"role": "main", "contentType": "text/html", "value": "<p>Rain washed away the track.</p>"}],
                 "by": "Staff Reporter", "located": "Shimla",
                 "descriptions": [{"role": "summary", "value": "Engineers are on site."}],
                 "subjects": [{"name": "Monsoon"}, {"name": "Rail Transport"}, {"name": "Погода"}],
                 "infoSources": [{"name": "Pahari News Wire", "role": "originator"}],
                 "copyrightHolder": "Pahari News Wire", "usageTerms": "Subscribers only.",
                 "standard": {"name": "ninjs", "version": "3.1"}}
                """);

        assertEquals("urn:newsml:wire.example:20261128:rail-01", story.origin());
        assertEquals("2", story.version());
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), story.versionAt());
        assertEquals("Rail link cut", story.headline(), "the main headline wins");
        assertEquals("<p>Rain washed away the track.</p>", story.bodyHtml(), "an HTML body is preferred");
        assertNull(story.bodyText());
        assertEquals("Staff Reporter", story.byline());
        assertEquals("Shimla", story.dateline());
        assertEquals("Engineers are on site.", story.standfirst());
        assertEquals(new Language("en-GB", "the ninjs language"), story.language());
        assertEquals(List.of("monsoon", "rail-transport"), story.tags());
        assertTrue(story.notes().stream().anyMatch(n -> n.contains("Погода")), "a subject that is no tag is said");
        assertEquals(List.of(new WireStory.InfoSource("Pahari News Wire", "originator", null)), story.infoSources());
        assertEquals("Subscribers only.", story.rights().usageTerms());
    }

    @Test
    void ninjs1IsReadFromItsOwnPropertyNames() throws Exception {
        WireStory story = read("""
                {"uri": "http://wire.example/items/77", "version": 3, "versioncreated": "2026-11-28T09:30:00Z",
                 "headline": "Port reopens after strike", "body_text": "Dockers returned on Monday.\\n\\nSource: PNW",
                 "byline": "Harbour desk", "subject": [{"name": "Shipping", "code": "04015000"}],
                 "infosource": [{"name": "PNW", "rel": "originator", "code": "pnw"}],
                 "copyrightnotice": "(c) Pahari News Wire"}
                """);

        assertEquals("3", story.version(), "a numeric version is read as its digits");
        assertEquals("Port reopens after strike", story.headline());
        assertEquals("Dockers returned on Monday.\n\nSource: PNW", story.bodyText());
        assertEquals("Harbour desk", story.byline());
        assertEquals(List.of("shipping"), story.tags());
        assertEquals(List.of(new WireStory.InfoSource("PNW", "originator", "pnw")), story.infoSources());
        assertEquals("(c) Pahari News Wire", story.attributionFallback());
        assertTrue(story.notes().get(0).contains("ninjs 1.x"));
    }

    @Test
    void aDocumentWithoutAHeadlineIsRefusedNamingTheField() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> read("{\"uri\": \"urn:x:1\", \"bodies\": [{\"value\": \"Text.\"}]}"));

        assertEquals("headlines", refused.errors().get(0).field());
        assertTrue(refused.getMessage().contains("headlines[].value (ninjs 2 and 3) or headline (ninjs 1)"));
    }

    @Test
    void wronglyTypedPropertiesAndOtherItemTypesAreRefused() {
        assertEquals("headlines", assertThrows(ProblemException.class,
                () -> read("{\"headlines\": \"Rail link cut\"}")).errors().get(0).field());
        assertEquals("versionCreated", assertThrows(ProblemException.class,
                () -> read("{\"headlines\": [{\"value\": \"A\"}], \"versionCreated\": \"yesterday\"}"))
                .errors().get(0).field());
        assertEquals("type", assertThrows(ProblemException.class,
                () -> read("{\"type\": \"picture\", \"headlines\": [{\"value\": \"A\"}]}")).errors().get(0).field());
        assertEquals("bodies[0].value", assertThrows(ProblemException.class,
                () -> read("{\"headlines\": [{\"value\": \"A\"}], \"bodies\": [{\"value\": \"a\\u0007b\"}]}"))
                .errors().get(0).field());
        assertThrows(ProblemException.class, () -> read("[1, 2]"));
    }
}

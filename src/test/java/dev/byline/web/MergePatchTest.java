package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.byline.source.Rights;
import dev.byline.source.RightsPatch;
import dev.byline.web.MergePatch.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A typed merge patch tells a field left out from one sent as null, and lists itself as it was sent. */
class MergePatchTest {

    private static final Rights CURRENT = new Rights("Agency", "Credit the agency", false);

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Patch(Field<String> name, Field<List<String>> tags, Field<RightsPatch> rights) implements MergePatch.Document {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final MergePatch mergePatch = new MergePatch(mapper);

    {
        new JsonSetup().customize(mapper);
    }

    @Test
    void aFieldLeftOutStaysOneSentAsNullIsClearedOneWithAValueReplaces() throws Exception {
        Patch patch = read("{\"name\": null, \"tags\": [\"a\"]}");

        assertEquals("kept", patch.rights().merge("kept", (p, current) -> "merged"));
        assertEquals(null, patch.name().orElse("old name"));
        assertEquals(List.of("a"), patch.tags().orElse(List.of("b")));
    }

    @Test
    void nestedObjectsAreMergedFieldByFieldAndNullClearsThemWhole() throws Exception {
        assertEquals(new Rights("Agency", null, true),
                read("{\"rights\": {\"usageTerms\": null, \"syndicatable\": true}}").rights()
                        .merge(CURRENT, RightsPatch::applyTo));
        assertEquals(null, read("{\"rights\": null}").rights().merge(CURRENT, RightsPatch::applyTo));
        assertEquals(new Rights(null, "Free", null),
                read("{\"rights\": {\"usageTerms\": \"Free\"}}").rights().merge(null, RightsPatch::applyTo));
    }

    @Test
    void writtenAsJsonAPatchListsWhatWasSentWithNullsAndNothingElse() throws Exception {
        Patch patch = read("{\"name\": null, \"rights\": {\"syndicatable\": false}}");

        assertEquals("{\"name\":null,\"rights\":{\"syndicatable\":false}}", mapper.writeValueAsString(patch));
    }

    @Test
    void aBodyThatIsNotAnObjectIsMalformedAndUnknownOrMistypedFieldsAreNamed() throws Exception {
        ProblemException notObject = assertThrows(ProblemException.class,
                () -> mergePatch.read(mapper.readTree("[]"), Patch.class));
        assertEquals(ProblemType.MALFORMED, notObject.type());
        UnrecognizedPropertyException unknown = assertThrows(UnrecognizedPropertyException.class,
                () -> read("{\"rights\": {\"holder\": \"x\"}}"));
        assertEquals("rights.holder", JsonPaths.of(unknown.getPath()));
        MismatchedInputException mistyped = assertThrows(MismatchedInputException.class,
                () -> read("{\"tags\": [\"a\", [1]]}"));
        assertEquals("tags[1]", JsonPaths.of(mistyped.getPath()));
        assertEquals(String.class, mistyped.getTargetType());
    }

    private Patch read(String json) throws Exception {
        return mergePatch.read(mapper.readTree(json), Patch.class);
    }
}

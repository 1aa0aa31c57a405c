package dev.byline.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.web.MergePatch;
import dev.byline.web.MergePatch.Field;
import java.util.List;

/**
 * A PATCH to a source (RFC 7396): a field left out stays as it is, null clears it, a value replaces it, and
 * {@code rights} is merged field by field. The result is checked as a {@link SourceInput}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SourcePatch(
        Field<String> slug,
        Field<String> name,
        Field<SourceKind> kind,
        Field<String> homepageUrl,
        Field<List<String>> aliases,
        Field<String> defaultAttribution,
        Field<RightsPatch> rights) implements MergePatch.Document {

    /** The source as {@code current} with this patch applied, to be validated like a new source. */
    SourceInput applyTo(SourceInput current) {
        return new SourceInput(slug.orElse(current.slug()), name.orElse(current.name()), kind.orElse(current.kind()),
                homepageUrl.orElse(current.homepageUrl()), aliases.orElse(current.aliases()),
                defaultAttribution.orElse(current.defaultAttribution()),
                rights.merge(current.rights(), RightsPatch::applyTo));
    }
}

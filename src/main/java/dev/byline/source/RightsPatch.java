package dev.byline.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.web.MergePatch.Field;

/** A merge patch of {@link Rights}, as an article's or a source's PATCH sends it: merged field by field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RightsPatch(Field<String> copyrightHolder, Field<String> usageTerms, Field<Boolean> syndicatable) {

    /** {@code current} (null: none yet) with this patch's fields applied. */
    public Rights applyTo(Rights current) {
        Rights base = current == null ? new Rights(null, null, null) : current;
        return new Rights(copyrightHolder.orElse(base.copyrightHolder()), usageTerms.orElse(base.usageTerms()),
                syndicatable.orElse(base.syndicatable()));
    }
}

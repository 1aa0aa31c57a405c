package dev.byline.source;

import dev.byline.web.HttpUrl;
import dev.byline.web.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A source as editors send it, on POST and (merged with the current state) on PATCH. */
public record SourceInput(
        @NotBlank @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug,
        @NotBlank @Size(max = 200) String name,
        @NotNull SourceKind kind,
        @HttpUrl @Size(max = 2000) String homepageUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> aliases,
        @Size(max = 300) String defaultAttribution,
        @Valid Rights rights) {

    static SourceInput of(Source source) {
        return new SourceInput(source.slug, source.name, source.kind, source.homepageUrl, source.aliases,
                source.defaultAttribution, source.rights());
    }
}

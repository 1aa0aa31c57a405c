package dev.byline.source;

/** The short form of a source that articles embed. */
public record SourceRef(String slug, String name, SourceKind kind) {

    public static SourceRef from(Source source) {
        return source == null ? null : new SourceRef(source.slug, source.name, source.kind);
    }
}

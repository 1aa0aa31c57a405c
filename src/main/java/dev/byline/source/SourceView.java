package dev.byline.source;

import dev.byline.audit.AuditSubject;
import java.time.Instant;
import java.util.List;

/** A source as the API shows it. */
public record SourceView(
        String slug,
        String name,
        SourceKind kind,
        String homepageUrl,
        List<String> aliases,
        String defaultAttribution,
        Rights rights,
        Instant createdAt,
        Instant updatedAt,
        long version) implements AuditSubject {

    @Override
    public String auditId() {
        return slug;
    }

    public static SourceView from(Source source) {
        return new SourceView(source.slug, source.name, source.kind, source.homepageUrl, source.aliases,
                source.defaultAttribution, source.rights(),
                source.createdAt, source.updatedAt, source.version);
    }
}

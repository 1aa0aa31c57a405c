package dev.byline.syndication;

import dev.byline.web.ApiLinks;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * One change as partners read it: what happened to which article at which version, and what to do about it
 * (fetch {@code href}, or apply the {@code tombstone}).
 */
public record ChangeItem(
        ChangeKind kind,
        UUID articleId,
        String slug,
        long version,
        Instant at,
        URI href,
        Instant embargoedUntil,
        Tombstone tombstone) {

    /** What remains of a deleted article. */
    public record Tombstone(UUID id, String slug, Instant deletedAt) {
    }

    /** The item for one entry of the change feed, with its href resolved against the API's address {@code baseUri}. */
    public static ChangeItem from(ArticleChange change, URI baseUri) {
        ChangeKind kind = ChangeKind.of(change.kind);
        boolean deleted = kind == ChangeKind.DELETED;
        return new ChangeItem(kind, change.articleId, change.slug, change.version, change.at,
                deleted ? null : ApiLinks.article(baseUri, change.articleId),
                change.embargoedUntil,
                deleted ? new Tombstone(change.articleId, change.slug, change.at) : null);
    }
}

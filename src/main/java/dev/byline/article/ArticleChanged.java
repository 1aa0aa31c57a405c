package dev.byline.article;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired synchronously inside the transaction of every article write, after the write is flushed, so that observers
 * (the change feed) record it atomically with the change itself. It carries what partners are told, judged at the
 * time of the write, not the live entity: an observer can neither change the article nor read it half-written.
 *
 * @param article the article after the write (for a deletion, as it was)
 * @param action what the editor did
 * @param wasSyndicated whether partners could see the article before the write
 * @param at the time of the write
 */
public record ArticleChanged(Snapshot article, Action action, boolean wasSyndicated, Instant at) {

    /** The editorial actions that can change what partners see. */
    public enum Action {
        PUBLISHED, UPDATED, CORRECTED, WITHDRAWN, DELETED
    }

    /**
     * What the change feed needs of an article at one moment.
     *
     * @param syndicated whether partners receive it ({@link Article#isSyndicated})
     * @param expired whether its expiry has passed
     * @param embargoedUntil its embargo while it lasts; null once lifted or when there is none
     */
    public record Snapshot(UUID id, String slug, long version, boolean syndicated, boolean expired,
            Instant embargoedUntil) {

        /** The article as it is at {@code at}; flush first, so that the version is the one stored. */
        public static Snapshot of(Article article, Instant at) {
            return new Snapshot(article.id, article.slug, article.version, article.isSyndicated(at),
                    article.isExpired(at), article.isEmbargoed(at) ? article.embargoedUntil : null);
        }
    }
}

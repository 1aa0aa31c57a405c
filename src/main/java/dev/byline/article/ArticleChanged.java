package dev.byline.article;

import java.time.Instant;

/**
 * Fired synchronously inside the transaction of every article write, after the write is flushed, so that observers
 * (the change feed) record it atomically with the change itself.
 *
 * @param article the article after the write (for a deletion, as it was)
 * @param action what the editor did
 * @param wasSyndicated whether partners could see the article before the write
 * @param at the time of the write
 */
public record ArticleChanged(Article article, Action action, boolean wasSyndicated, Instant at) {

    /** The editorial actions that can change what partners see. */
    public enum Action {
        PUBLISHED, UPDATED, CORRECTED, WITHDRAWN, DELETED
    }
}

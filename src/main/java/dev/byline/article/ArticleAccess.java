package dev.byline.article;

import java.time.Instant;

/**
 * What a reader who is not an editor may know of an article: the one rule that the JSON and ninjs representations
 * (and, through them, threads and partners) answer by. Editors may read every article and need no verdict.
 *
 * <p>{@link ArticleVisibility} says the same in SQL for lists and feeds: {@link #SHOWN} is its {@code PUBLIC}, or
 * its {@code SYNDICATED} for a partner.
 */
public enum ArticleAccess {
    /** Readable: public, or syndicated to the partner asking (embargoed or not). */
    SHOWN,
    /** Withdrawn after the reader could see it: 410, ninjs {@code withheld}. */
    WITHDRAWN,
    /** Expired after the reader could see it: 410, ninjs {@code withheld}. */
    EXPIRED,
    /** Not known to this reader (a draft, scheduled, under embargo, or withdrawn before anybody saw it): 404. */
    HIDDEN;

    /** The verdict for the public ({@code partner} false) or for a partner. */
    public static ArticleAccess of(Article article, boolean partner, Instant now) {
        if (article.isPublic(now) || partner && article.isSyndicated(now)) {
            return SHOWN;
        }
        if (!article.wasShownTo(partner, now)) {
            return HIDDEN; // withdrawn or expired before this reader could see it: it never existed for them
        }
        if (ArticleStatus.of(article.status) == ArticleStatus.WITHDRAWN) {
            return WITHDRAWN;
        }
        if (article.isExpired(now) && article.effectiveStatus(now) == ArticleStatus.PUBLISHED) {
            return EXPIRED;
        }
        return HIDDEN;
    }
}

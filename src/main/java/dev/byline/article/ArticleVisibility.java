package dev.byline.article;

/**
 * Who may see an article, as SQL predicates over {@code article a}; {@link Article#isPublic} and
 * {@link Article#isSyndicated} say the same in Java.
 *
 * <p>Both start with {@code a.status in ('published', 'scheduled')}, the predicate of V1's partial indexes, so the
 * planner can use them; the time comparisons are filters applied while scanning (see V4).
 */
public final class ArticleVisibility {

    /** Published, or scheduled with its time passed; out of embargo; not expired. */
    public static final String PUBLIC = "a.status in ('published', 'scheduled') and a.published_at <= now()"
            + " and (a.embargoed_until is null or a.embargoed_until <= now())"
            + " and (a.expires_at is null or a.expires_at > now())";

    /** Published, or scheduled with its time passed, and not expired: partners see it if its rights allow. */
    public static final String DUE = "a.status in ('published', 'scheduled') and a.published_at <= now()"
            + " and (a.expires_at is null or a.expires_at > now())";

    /** What partners receive: published and not expired, embargoed or not, if the rights allow syndication. */
    public static final String SYNDICATED = DUE
            + " and coalesce(a.syndicatable, (select s.syndicatable from source s where s.id = a.source_id), true)";

    private ArticleVisibility() {
    }
}

package dev.byline.article;

import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * Who may see an article, written once: a few conditions that each say the same thing in SQL (over {@code article a},
 * for lists, feeds and threads) and in Java (for an article in memory), side by side. Everything else is built from
 * them: {@link Article#isPublic}, {@link Article#isSyndicated}, the SQL constants below, and {@link ArticleAccess}'s
 * verdict in both forms. ArticleVisibilityTest runs both forms over every combination of article states and requires
 * them to agree.
 *
 * <p>The list predicates start with {@code a.status in ('published', 'scheduled')}, the predicate of V1's partial
 * indexes, so the planner can use them; the time comparisons are filters applied while scanning (see V4). Keep
 * {@link #DUE} first when composing a predicate for a list.
 */
public final class ArticleVisibility {

    /** One condition of the rule: its SQL over {@code article a}, and the same in Java at a given time. */
    record Condition(String sql, BiPredicate<Article, Instant> java) {

        boolean holds(Article article, Instant now) {
            return java.test(article, now);
        }

        Condition and(Condition other) {
            return new Condition(sql + " and " + other.sql, (a, now) -> holds(a, now) && other.holds(a, now));
        }

        Condition or(Condition other) {
            return new Condition("(" + sql + " or " + other.sql + ")", (a, now) -> holds(a, now) || other.holds(a, now));
        }
    }

    /** Published, or scheduled with its time passed (a published article always has its time, see V1). */
    static final Condition IS_DUE = new Condition("a.status in ('published', 'scheduled') and a.published_at <= now()",
            (a, now) -> (a.status == ArticleStatus.PUBLISHED || a.status == ArticleStatus.SCHEDULED)
                    && a.publishedAt != null && !a.publishedAt.isAfter(now));

    /** No embargo, or it has lifted. */
    static final Condition OUT_OF_EMBARGO = new Condition("(a.embargoed_until is null or a.embargoed_until <= now())",
            (a, now) -> a.embargoedUntil == null || !a.embargoedUntil.isAfter(now));

    /** No expiry, or it is still to come. */
    static final Condition NOT_EXPIRED = new Condition("(a.expires_at is null or a.expires_at > now())",
            (a, now) -> a.expiresAt == null || a.expiresAt.isAfter(now));

    /** Its expiry has passed. */
    static final Condition EXPIRED = new Condition("a.expires_at <= now()",
            (a, now) -> a.expiresAt != null && !a.expiresAt.isAfter(now));

    /** Withdrawn by an editor. */
    static final Condition WITHDRAWN = new Condition("a.status = 'withdrawn'",
            (a, now) -> a.status == ArticleStatus.WITHDRAWN);

    /** Its rights allow syndication: its own flag, else its source's, else yes (see {@link Provenance#rights}). */
    static final Condition SYNDICATABLE = new Condition(
            "coalesce(a.syndicatable, (select s.syndicatable from source s where s.id = a.source_id), true)",
            (a, now) -> a.effectiveRights().syndicatable());

    /**
     * When the article stopped being shown, or now if it still is: its withdrawal, or its expiry once passed. Only
     * the two "was shown" conditions below read it.
     */
    private static final String SHOWN_UNTIL = "case when a.status = 'withdrawn' and a.withdrawn_at is not null"
            + " then a.withdrawn_at when a.expires_at <= now() then a.expires_at else now() end";

    private static Instant shownUntil(Article a, Instant now) {
        if (a.status == ArticleStatus.WITHDRAWN && a.withdrawnAt != null) {
            return a.withdrawnAt;
        }
        return EXPIRED.holds(a, now) ? a.expiresAt : now;
    }

    /** It had been published (not a draft, its time reached) before it stopped being shown. */
    private static final Condition WAS_DUE = new Condition("a.status <> 'draft' and a.published_at <= " + SHOWN_UNTIL,
            (a, now) -> a.status != ArticleStatus.DRAFT && a.publishedAt != null
                    && !a.publishedAt.isAfter(shownUntil(a, now)));

    /** Its embargo, if any, had lifted before it stopped being shown. */
    private static final Condition WAS_OUT_OF_EMBARGO = new Condition(
            "(a.embargoed_until is null or a.embargoed_until <= " + SHOWN_UNTIL + ")",
            (a, now) -> a.embargoedUntil == null || !a.embargoedUntil.isAfter(shownUntil(a, now)));

    /** What anybody may read: published, out of embargo and not expired. */
    static final Condition IS_PUBLIC = IS_DUE.and(OUT_OF_EMBARGO).and(NOT_EXPIRED);

    /** What partners receive: published and not expired, embargoed or not, if the rights allow syndication. */
    static final Condition IS_SYNDICATED = IS_DUE.and(NOT_EXPIRED).and(SYNDICATABLE);

    /** Whether the public could read it at some moment up to now (withdrawn or expired articles included). */
    static final Condition WAS_PUBLIC = WAS_DUE.and(WAS_OUT_OF_EMBARGO);

    /** Whether partners could receive it at some moment up to now, so far as its rights allow today. */
    static final Condition WAS_SYNDICATED = WAS_DUE.and(SYNDICATABLE);

    /** Visible to the public: the predicate of public lists and feeds. */
    public static final String PUBLIC = IS_PUBLIC.sql();

    /** Published, or scheduled with its time passed, and not expired: partners see it if its rights allow. */
    public static final String DUE = IS_DUE.and(NOT_EXPIRED).sql();

    /** What partners receive: the predicate of partners' feeds and of the change feed. */
    public static final String SYNDICATED = IS_SYNDICATED.sql();

    private ArticleVisibility() {
    }

    /** What {@code audience} may read now: the public what is public; a partner that, or what is syndicated to it. */
    static Condition shown(Audience audience) {
        return audience == Audience.PARTNER ? IS_DUE.and(NOT_EXPIRED).and(OUT_OF_EMBARGO.or(SYNDICATABLE)) : IS_PUBLIC;
    }

    /** Whether {@code audience} could read it at some moment up to now: it may learn that the article existed. */
    static Condition wasShown(Audience audience) {
        return audience == Audience.PARTNER ? WAS_PUBLIC.or(WAS_SYNDICATED) : WAS_PUBLIC;
    }

    /** The SQL predicate, over {@code article a}, of what {@code audience} may read now. */
    public static String shownTo(Audience audience) {
        return shown(audience).sql();
    }
}

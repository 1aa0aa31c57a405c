package dev.byline.article;

import dev.byline.article.ArticleVisibility.Condition;
import java.time.Instant;
import java.util.List;

/**
 * What a reader who is not an editor may know of an article: the one verdict that the JSON and ninjs representations,
 * threads and history answer by. Editors may read every article and need no verdict.
 *
 * <p>It is a short table of (verdict, condition) pairs, the first that holds wins, built from
 * {@link ArticleVisibility}'s conditions; {@link #of} reads the table in Java and {@link #sql} turns the same table
 * into a SQL {@code case} for code that judges articles without loading them (comment threads).
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

    private record Rule(ArticleAccess verdict, Condition when) {
    }

    private static final List<Rule> PUBLIC_RULES = rules(Audience.PUBLIC);
    private static final List<Rule> PARTNER_RULES = rules(Audience.PARTNER);

    /** The verdicts in order; what matches none is {@link #HIDDEN}. */
    private static List<Rule> rules(Audience audience) {
        Condition wasShown = ArticleVisibility.wasShown(audience);
        return List.of(
                new Rule(SHOWN, ArticleVisibility.shown(audience)),
                // Gone only for those who could have seen it: withdrawn or expired before, it never existed for them.
                new Rule(WITHDRAWN, wasShown.and(ArticleVisibility.WITHDRAWN)),
                new Rule(EXPIRED, wasShown.and(ArticleVisibility.IS_DUE).and(ArticleVisibility.EXPIRED)));
    }

    private static List<Rule> rulesFor(Audience audience) {
        return audience == Audience.PARTNER ? PARTNER_RULES : PUBLIC_RULES;
    }

    /** The verdict on {@code article} for {@code audience} at {@code now}. */
    public static ArticleAccess of(Article article, Audience audience, Instant now) {
        for (Rule rule : rulesFor(audience)) {
            if (rule.when().holds(article, now)) {
                return rule.verdict();
            }
        }
        return HIDDEN;
    }

    /** The verdict for the public ({@code partner} false) or for a partner. */
    public static ArticleAccess of(Article article, boolean partner, Instant now) {
        return of(article, Audience.of(partner), now);
    }

    /** The same verdict as a SQL expression over {@code article a}, giving the verdict's name; read it with {@link #named}. */
    public static String sql(Audience audience) {
        StringBuilder sql = new StringBuilder("case");
        for (Rule rule : rulesFor(audience)) {
            sql.append(" when ").append(rule.when().sql()).append(" then '").append(rule.verdict().name()).append('\'');
        }
        return sql.append(" else '").append(HIDDEN.name()).append("' end").toString();
    }

    /** The verdict a column computed by {@link #sql} holds. */
    public static ArticleAccess named(Object column) {
        return valueOf((String) column);
    }
}

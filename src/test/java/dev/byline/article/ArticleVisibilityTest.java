package dev.byline.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.article.ArticleVisibility.Condition;
import dev.byline.source.Source;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who may see an article is one rule in two languages: every condition of {@link ArticleVisibility} and the
 * {@link ArticleAccess} verdict for each audience give the same answer in SQL, run by the real database, as in Java,
 * over every combination of status, publication time, embargo, expiry, withdrawal time and rights (some five thousand
 * articles, written and read in two statements and rolled back).
 */
@QuarkusTest
class ArticleVisibilityTest {

    /** Every time column takes each of these: unset, two moments past (in both orders) and one to come. */
    private static final String TIMES = "(values (null::interval), (interval '-2 days'), (interval '-1 day'),"
            + " (interval '1 day'))";
    private static final String MARK = "visibility-matrix";

    @Inject
    EntityManager entityManager;

    @Test
    @TestTransaction
    void everyConditionAndVerdictSaysTheSameInSqlAsInJava() {
        List<Object[]> rows = matrix();
        Instant now = sqlNow();
        assertTrue(rows.size() > 4000, "the matrix is written: " + rows.size());

        Map<String, Integer> disagreements = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        Map<Audience, Map<ArticleAccess, Integer>> verdicts = new EnumMap<>(Audience.class);
        for (Object[] row : rows) {
            Article article = detached(row);
            for (int i = 0; i < CHECKS.size(); i++) {
                Check check = CHECKS.get(i);
                Object java = check.java(article, now);
                Object sql = check.read(row[STATE + i]);
                if (!java.equals(sql)) {
                    disagreements.merge(check.name(), 1, Integer::sum);
                    if (examples.size() < 5) {
                        examples.add(check.name() + ": SQL " + sql + ", Java " + java + " for " + describe(article));
                    }
                }
                if (java instanceof ArticleAccess verdict) {
                    verdicts.computeIfAbsent(check.audience(), k -> new EnumMap<>(ArticleAccess.class))
                            .merge(verdict, 1, Integer::sum);
                }
            }
        }
        assertTrue(disagreements.isEmpty(), "SQL and Java disagree " + disagreements + ", e.g. " + examples);
        for (Audience audience : Audience.values()) {
            assertEquals(ArticleAccess.values().length, verdicts.get(audience).size(),
                    "the matrix reaches every verdict for " + audience + ": " + verdicts.get(audience));
        }
    }

    @Test
    @TestTransaction
    void theVerdictsOfTellingCases() {
        long wire = source(true);
        long closed = source(false);
        Instant now = sqlNow();
        // Withdrawn while scheduled: nobody ever saw it, so it is not gone, it never was.
        assertVerdicts("withdrawn", "-1 day", null, null, "-2 days", null, null, now,
                ArticleAccess.HIDDEN, ArticleAccess.HIDDEN);
        // Withdrawn after publication: gone for both.
        assertVerdicts("withdrawn", "-2 days", null, null, "-1 day", null, null, now,
                ArticleAccess.WITHDRAWN, ArticleAccess.WITHDRAWN);
        // Under embargo: partners hold it, the public does not know it; unless its source's rights forbid it.
        assertVerdicts("published", "-2 days", "1 day", null, null, null, wire, now,
                ArticleAccess.HIDDEN, ArticleAccess.SHOWN);
        assertVerdicts("published", "-2 days", "1 day", null, null, null, closed, now,
                ArticleAccess.HIDDEN, ArticleAccess.HIDDEN);
        // Withdrawn under embargo: gone for the partner who held it, never there for the public.
        assertVerdicts("withdrawn", "-2 days", "1 day", null, "-1 day", null, wire, now,
                ArticleAccess.HIDDEN, ArticleAccess.WITHDRAWN);
        // Expired: gone for both; expired before its embargo lifted: gone for partners only.
        assertVerdicts("published", "-2 days", null, "-1 day", null, null, null, now,
                ArticleAccess.EXPIRED, ArticleAccess.EXPIRED);
        assertVerdicts("published", "-2 days", "1 day", "-1 day", null, true, null, now,
                ArticleAccess.HIDDEN, ArticleAccess.EXPIRED);
        // Scheduled and due: shown, without waiting for the time rules to store it as published.
        assertVerdicts("scheduled", "-1 day", null, null, null, null, null, now,
                ArticleAccess.SHOWN, ArticleAccess.SHOWN);
        assertVerdicts("scheduled", "1 day", null, null, null, null, null, now,
                ArticleAccess.HIDDEN, ArticleAccess.HIDDEN);
    }

    @Test
    @TestTransaction
    void listPredicatesKeepUsingThePartialIndexes() {
        // V1's article_public_*_idx are partial on status in ('published', 'scheduled'): a list's WHERE must imply it,
        // or the planner cannot use them. Sequential scans, bitmap scans and sorts are priced out, so that on a table
        // of any size the only cheap plan is reading article_public_published_idx in its order, and only if it fits.
        for (String off : List.of("enable_seqscan", "enable_bitmapscan", "enable_sort")) {
            entityManager.createNativeQuery("set local " + off + " = off").executeUpdate();
        }
        for (String predicate : List.of(ArticleVisibility.PUBLIC, ArticleVisibility.SYNDICATED,
                ArticleVisibility.shownTo(Audience.PARTNER))) {
            @SuppressWarnings("unchecked")
            List<String> plan = entityManager.createNativeQuery("explain select a.id from article a where " + predicate
                    + " order by a.published_at desc, a.id desc limit 20").getResultList();
            assertTrue(String.join("\n", plan).contains("article_public_published_idx"), predicate + ":\n" + plan);
        }
    }

    /** One comparison: a named SQL expression over {@code article a} and what Java says of the same article. */
    private record Check(String name, String sql, Audience audience, boolean verdict, Condition condition) {

        static Check condition(String name, Condition condition) {
            return new Check(name, "coalesce(" + condition.sql() + ", false)", null, false, condition);
        }

        static Check verdict(Audience audience) {
            return new Check("verdict for " + audience, ArticleAccess.sql(audience), audience, true, null);
        }

        Object java(Article article, Instant now) {
            return verdict ? ArticleAccess.of(article, audience, now) : condition.holds(article, now);
        }

        Object read(Object column) {
            return verdict ? ArticleAccess.named(column) : column;
        }
    }

    private static final List<Check> CHECKS = List.of(
            Check.condition("public", ArticleVisibility.IS_PUBLIC),
            Check.condition("syndicated", ArticleVisibility.IS_SYNDICATED),
            Check.condition("due", ArticleVisibility.IS_DUE.and(ArticleVisibility.NOT_EXPIRED)),
            Check.condition("was public", ArticleVisibility.WAS_PUBLIC),
            Check.condition("was syndicated", ArticleVisibility.WAS_SYNDICATED),
            Check.condition("shown to partners", ArticleVisibility.shown(Audience.PARTNER)),
            Check.condition("was shown to partners", ArticleVisibility.wasShown(Audience.PARTNER)),
            Check.verdict(Audience.PUBLIC),
            Check.verdict(Audience.PARTNER));

    /** Writes every combination of states, then reads each check's SQL for all of them in one statement. */
    private List<Object[]> matrix() {
        long wire = source(true);
        long closed = source(false);
        entityManager.createNativeQuery("""
                insert into article (id, slug, headline, status, published_at, embargoed_until, expires_at, withdrawn_at,
                                     syndicatable, source_id, created_at, updated_at)
                select gen_random_uuid(), 'visibility-' || gen_random_uuid(), ?1, s.status, now() + p.t, now() + e.t,
                       now() + x.t, now() + w.t, r.syndicatable, src.id, now(), now()
                from (values ('draft'), ('scheduled'), ('published'), ('withdrawn')) s (status)
                cross join %1$s p (t) cross join %1$s e (t) cross join %1$s x (t) cross join %1$s w (t)
                cross join (values (null::boolean, null::bigint), (null, ?2), (null, ?3), (false, ?2), (true, ?3))
                    r (syndicatable, source)
                left join source src on src.id = r.source
                where s.status not in ('scheduled', 'published') or p.t is not null""".formatted(TIMES))
                .setParameter(1, MARK).setParameter(2, wire).setParameter(3, closed).executeUpdate();
        String columns = CHECKS.stream().map(Check::sql).collect(Collectors.joining(", "));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select a.status, a.published_at, a.embargoed_until,"
                + " a.expires_at, a.withdrawn_at, a.syndicatable, s.syndicatable, " + columns
                + " from article a left join source s on s.id = a.source_id where a.headline = ?1")
                .setParameter(1, MARK).getResultList();
        return rows;
    }

    private void assertVerdicts(String status, String published, String embargo, String expiry, String withdrawn,
            Boolean syndicatable, Long source, Instant now, ArticleAccess forPublic, ArticleAccess forPartner) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into article (id, slug, headline, status, published_at, embargoed_until, expires_at, withdrawn_at,
                                     syndicatable, source_id, created_at, updated_at)
                values (?1, ?2, 'case', ?3, now() + cast(?4 as interval), now() + cast(?5 as interval),
                        now() + cast(?6 as interval), now() + cast(?7 as interval), cast(?8 as boolean),
                        cast(?9 as bigint), now(), now())""")
                .setParameter(1, id).setParameter(2, "visibility-" + id).setParameter(3, status)
                .setParameter(4, published).setParameter(5, embargo).setParameter(6, expiry).setParameter(7, withdrawn)
                .setParameter(8, syndicatable).setParameter(9, source).executeUpdate();
        Object[] sql = (Object[]) entityManager.createNativeQuery("select " + ArticleAccess.sql(Audience.PUBLIC) + ", "
                + ArticleAccess.sql(Audience.PARTNER) + " from article a where a.id = ?1").setParameter(1, id)
                .getSingleResult();
        Article article = Article.findWithSource(id).orElseThrow();
        String what = status + " at " + published + ", embargo " + embargo + ", expiry " + expiry + ", withdrawn "
                + withdrawn + ", syndicatable " + syndicatable + ", source " + source;
        assertEquals(forPublic, ArticleAccess.of(article, Audience.PUBLIC, now), "Java, public: " + what);
        assertEquals(forPartner, ArticleAccess.of(article, Audience.PARTNER, now), "Java, partner: " + what);
        assertEquals(forPublic, ArticleAccess.named(sql[0]), "SQL, public: " + what);
        assertEquals(forPartner, ArticleAccess.named(sql[1]), "SQL, partner: " + what);
    }

    private long source(boolean syndicatable) {
        return ((Number) entityManager.createNativeQuery("""
                insert into source (slug, name, kind, syndicatable, created_at, updated_at)
                values ('visibility-' || gen_random_uuid(), 'Visibility', 'wire-agency', ?1, now(), now()) returning id""")
                .setParameter(1, syndicatable).getSingleResult()).longValue();
    }

    private Instant sqlNow() {
        return instant(entityManager.createNativeQuery("select now()").getSingleResult());
    }

    /** The columns before the checks' in each row of the matrix: the state Java judges. */
    private static final int STATE = 7;

    /** The article a row of the matrix describes, as Java sees it: only what visibility reads. */
    private static Article detached(Object[] row) {
        Article article = new Article();
        article.status = ArticleStatus.of((String) row[0]);
        article.publishedAt = instant(row[1]);
        article.embargoedUntil = instant(row[2]);
        article.expiresAt = instant(row[3]);
        article.withdrawnAt = instant(row[4]);
        article.syndicatable = (Boolean) row[5];
        if (row[6] != null) {
            article.source = new Source();
            article.source.syndicatable = (Boolean) row[6];
        }
        return article;
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
    }

    private static String describe(Article a) {
        return a.status + " published " + a.publishedAt + ", embargo " + a.embargoedUntil + ", expiry " + a.expiresAt
                + ", withdrawn " + a.withdrawnAt + ", syndicatable " + a.syndicatable + ", source "
                + (a.source == null ? "none" : a.source.syndicatable);
    }
}

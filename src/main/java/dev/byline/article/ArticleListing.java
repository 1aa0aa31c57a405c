package dev.byline.article;

import dev.byline.SiteLinks;
import dev.byline.article.ArticleQuery.Sort;
import dev.byline.database.SqlValues;
import dev.byline.web.CursorCodec;
import dev.byline.web.Page;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keyset-paged article lists in two statements whatever the page size: one picks the ids in order (using the
 * partial indexes of V1), one loads those articles with their sources.
 */
final class ArticleListing {

    /** Visible to the public; see {@link ArticleVisibility#PUBLIC}. */
    static final String PUBLIC = ArticleVisibility.PUBLIC;

    /**
     * The headline's part of {@code search_lead} (weight A), on which V7 keeps statistics for the planner. The array
     * is written without braces, which Hibernate would read as an alias in native SQL.
     */
    private static final String HEADLINE = "ts_filter(a.search_lead, array['a'::\"char\"])";

    private final CursorCodec cursors;
    private final SearchLanguages languages;
    private final SiteLinks site;

    ArticleListing(CursorCodec cursors, SearchLanguages languages, SiteLinks site) {
        this.cursors = cursors;
        this.languages = languages;
        this.site = site;
    }

    Page<ArticleSummary> page(ArticleQuery query, Instant now) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (query.status() == null) {
            where.append(PUBLIC);
        } else if (query.status() == ArticleStatus.PUBLISHED) {
            where.append(PUBLIC);
        } else if (query.status() == ArticleStatus.SCHEDULED) {
            where.append("a.status = 'scheduled' and a.published_at > now()");
        } else {
            where.append("a.status = ").append(param(params, query.status().toString()));
        }
        Search search = query.q() == null ? null : search(query, params);
        if (query.section() != null) {
            where.append(" and a.section = ").append(param(params, query.section()));
        }
        if (!query.tags().isEmpty()) {
            where.append(" and a.tags @> array[");
            for (int i = 0; i < query.tags().size(); i++) {
                where.append(i == 0 ? "" : ", ").append(param(params, query.tags().get(i)));
            }
            where.append("]::text[]");
        }
        if (query.source() != null) {
            where.append(" and a.source_id = (select s.id from source s where s.slug = ").append(param(params, query.source()))
                    .append(")");
        }
        if (query.language() != null) {
            where.append(" and a.language = ").append(param(params, query.language()));
        }
        if (query.from() != null) {
            where.append(" and a.published_at >= ").append(param(params, query.from()));
        }
        if (query.to() != null) {
            where.append(" and a.published_at < ").append(param(params, query.to()));
        }
        if (query.updatedSince() != null) {
            where.append(" and a.updated_at >= ").append(param(params, query.updatedSince()));
        }

        Sort sort = query.sort();
        boolean unpublished = query.status() == ArticleStatus.DRAFT || query.status() == ArticleStatus.WITHDRAWN;
        if (unpublished && (sort == Sort.NEWEST || sort == Sort.OLDEST)) {
            // Drafts have no publication time to order by; their natural order is the last edit.
            sort = Sort.UPDATED;
        }
        if (sort == Sort.RELEVANCE) {
            return relevancePage(query, where, params, search, unpublished ? "a.updated_at" : "a.published_at", now);
        }
        if (search != null) {
            where.append(" and ").append(search.matches("a.search"));
        }
        String key = sort == Sort.UPDATED ? "a.updated_at" : "a.published_at";
        String direction = sort == Sort.OLDEST ? "asc" : "desc";
        if (query.cursor() != null) {
            CursorCodec.Values after = cursors.decode(query.scope(), query.cursor(), 2);
            where.append(" and (").append(key).append(", a.id) ").append(sort == Sort.OLDEST ? ">" : "<")
                    .append(" (").append(param(params, after.instant(0))).append(", ")
                    .append(param(params, after.uuid(1))).append(")");
        }
        String sql = "select a.id, " + key + " as sort_key from article a where " + where
                + " order by sort_key " + direction + ", a.id " + direction
                + " limit " + CursorCodec.fetchSize(query.limit());

        Page<Object[]> page = cursors.page(query.scope(), select(sql, params), query.limit(),
                last -> List.of(SqlValues.instant(last[1]).toString(), last[0].toString()), row -> row);
        return page.withItems(summaries(page.items(), now));
    }

    /**
     * Relevance ranks every match by where the query matches, best first: in the headline alone, in the headline and
     * standfirst together, or only with the body; newest first within each tier. The sort key, and so the cursor, is
     * (tier, recency, id).
     *
     * <p>Why tiers and not {@code ts_rank}: a score has to be computed for every match before the best 20 are known,
     * and for a word in 15 % of 100 000 articles that alone took longer than the page may (even over the small
     * {@code search_lead}, since each match is one more row to read). A tier is a search: each is its own
     * {@code order by recency desc, id desc limit n}, so PostgreSQL either walks the newest-first index until the
     * page is full (a common word: a few hundred rows) or collects the tier's few matches from a GIN index and sorts
     * them (a rare word), whichever its word statistics say is cheaper. That choice needs a plan made for the words
     * searched; PostgreSQL keeps making such plans for a prepared statement as long as they are estimated cheaper than
     * a generic one, which they are for common and rare words alike (a generic plan assumes 0.5 % of the articles
     * match and collects them). Tiers test {@code search_lead}, the headline and standfirst kept small and in the row
     * by V7, never the body's large TOASTed {@code search} unless they must.
     *
     * <p>The tiers are joined by {@code union all} under one limit and come out in the order they are written: a
     * {@code union all} whose branches each have a limit runs as a plain Append (such a branch cannot be split across
     * parallel workers), which reads its branches one after the other, so a lower tier is not read at all once a
     * higher one has filled the page.
     */
    private Page<ArticleSummary> relevancePage(ArticleQuery query, CharSequence where, List<Object> params,
            Search search, String recency, Instant now) {
        // websearch_to_tsquery negates a word only after a '-'. Without one, a query that matches the headline and
        // standfirst matches the article, and the upper tiers need not read the body's vector at all.
        String inBody = query.q().indexOf('-') < 0 ? "" : " and " + search.matches("a.search");
        String lead = search.matches("a.search_lead");
        String headline = search.matches(HEADLINE);
        List<String> tiers = List.of(
                lead + " and " + headline + inBody,
                lead + " and not " + headline + inBody,
                search.matches("a.search") + " and not " + lead);
        int afterTier = Integer.MAX_VALUE;
        String afterKey = null;
        if (query.cursor() != null) {
            CursorCodec.Values after = cursors.decode(query.scope(), query.cursor(), 3);
            afterTier = after.integer(0);
            afterKey = " and (" + recency + ", a.id) < (" + param(params, after.instant(1)) + ", "
                    + param(params, after.uuid(2)) + ")";
        }
        String limit = " limit " + CursorCodec.fetchSize(query.limit());
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < tiers.size(); i++) {
            int tier = tiers.size() - i;
            if (tier > afterTier) {
                continue;
            }
            sql.append(sql.isEmpty() ? "" : " union all ")
                    .append("(select a.id, ").append(tier).append(" as tier, ").append(recency)
                    .append(" as recency from article a where ").append(where).append(" and ").append(tiers.get(i))
                    .append(tier == afterTier ? afterKey : "")
                    .append(" order by ").append(recency).append(" desc, a.id desc").append(limit).append(")");
        }
        if (sql.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Page<Object[]> page = cursors.page(query.scope(),
                select("select id, tier, recency from (" + sql + ") ranked" + limit, params), query.limit(),
                last -> List.of(String.valueOf(((Number) last[1]).intValue()), SqlValues.instant(last[2]).toString(),
                        last[0].toString()), row -> row);
        return page.withItems(summaries(page.items(), now));
    }

    /**
     * Whether a vector matches the query as the article's own language reads it: each article's words were indexed
     * with its language's text search configuration (V15), so the query must be read with the same one, or a Russian
     * query would miss the inflected forms it is meant to find and an English one would match stems it never had.
     *
     * <p>With a {@code language} filter that is one configuration, and one GIN-indexable condition. Without one, each
     * of the catalogue's main languages ({@link SearchLanguages}) gets a branch, {@code language = x and vector @@
     * query-read-as-x}: a constant query per branch, so a GIN index serves each and the planner weighs each with its
     * word statistics, exactly as for a single language. (One condition reading the query per row would do the same
     * in one line, but no index can serve it and the planner cannot estimate it: it then collected every match of a
     * common word, 100 times slower.) Articles in any other language fall to a last branch that reads the query per
     * row, found through V15's index on language by the ranges between the named languages, so that it can join the
     * same bitmap scan; it is cheap while such articles are few, as the named languages are the most common. What a
     * search finds never depends on which languages are named, only how fast it is found.
     */
    private record Search(List<String> named, String query, String others) {

        String matches(String vector) {
            if (others == null) {
                return vector + " @@ websearch_to_tsquery(byline_search_config(" + named.get(0) + "), " + query + ")";
            }
            StringBuilder branches = new StringBuilder("(");
            for (String language : named) {
                branches.append("a.language = ").append(language).append(" and ").append(vector)
                        .append(" @@ websearch_to_tsquery(byline_search_config(").append(language).append("), ")
                        .append(query).append(") or ");
            }
            return branches.append(others).append(vector)
                    .append(" @@ websearch_to_tsquery(byline_search_config(a.language), ").append(query).append("))")
                    .toString();
        }
    }

    private Search search(ArticleQuery query, List<Object> params) {
        String q = param(params, query.q());
        if (query.language() != null) {
            // a.language is already required to be this one (see page); one configuration reads the query.
            return new Search(List.of(param(params, query.language())), q, null);
        }
        // In byte order, as V15's index on language sorts them (codes are ASCII, so Java's order is the same).
        List<String> known = languages.known().stream().sorted().toList();
        List<String> named = known.stream().map(language -> param(params, language)).toList();
        String language = "a.language collate \"C\"";
        StringBuilder others = new StringBuilder();
        for (int i = 0; i <= named.size() && !named.isEmpty(); i++) {
            others.append(i == 0 ? "(" : " or ");
            if (i > 0) {
                others.append(language).append(" > ").append(named.get(i - 1));
            }
            if (i < named.size()) {
                others.append(i > 0 ? " and " : "").append(language).append(" < ").append(named.get(i));
            }
        }
        return new Search(named, q, others.isEmpty() ? "" : others.append(") and ").toString());
    }

    private static List<Object[]> select(String sql, List<Object> params) {
        Query select = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            select.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return rows;
    }

    /** The articles of {@code rows} (id first), in the order of the rows, loaded in one statement. */
    private List<ArticleSummary> summaries(List<Object[]> rows, Instant now) {
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, Article> loaded = new HashMap<>();
        Article.findWithSources(ids).forEach(a -> loaded.put(a.id, a));
        return ids.stream().map(loaded::get).map(a -> ArticleSummary.from(a, now, site)).toList();
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }
}

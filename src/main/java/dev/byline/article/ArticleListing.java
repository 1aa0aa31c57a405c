package dev.byline.article;

import dev.byline.article.ArticleQuery.Sort;
import dev.byline.web.CursorCodec;
import dev.byline.web.SqlValues;
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

    /** How many of the newest matches a relevance-sorted search ranks. */
    static final int RANKED_MATCHES = 1000;

    private final CursorCodec cursors;

    ArticleListing(CursorCodec cursors) {
        this.cursors = cursors;
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
        String rank = null;
        if (query.q() != null) {
            String tsQuery = "websearch_to_tsquery('english', " + param(params, query.q()) + ")";
            where.append(" and a.search @@ ").append(tsQuery);
            rank = "ts_rank(a.search, " + tsQuery + ")";
        }
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
        if ((query.status() == ArticleStatus.DRAFT || query.status() == ArticleStatus.WITHDRAWN)
                && (sort == Sort.NEWEST || sort == Sort.OLDEST)) {
            // Drafts have no publication time to order by; their natural order is the last edit.
            sort = Sort.UPDATED;
        }
        String key = switch (sort) {
            case NEWEST, OLDEST -> "a.published_at";
            case UPDATED -> "a.updated_at";
            case RELEVANCE -> rank;
        };
        String direction = sort == Sort.OLDEST ? "asc" : "desc";
        // Relevance ranks only the newest RANKED_MATCHES matches: ranking reads each match's whole tsvector, which
        // for a common word over a large catalogue costs far more than finding the matches (see bench/).
        String from = "article a";
        if (sort == Sort.RELEVANCE) {
            from = "(select a.id, a.search from article a where " + where + " order by a.published_at desc, a.id desc"
                    + " limit " + RANKED_MATCHES + ") a";
            where.setLength(0);
            where.append("true");
        }
        if (query.cursor() != null) {
            List<String> after = cursors.decode(query.scope(), query.cursor(), 2);
            Object keyValue = sort == Sort.RELEVANCE ? CursorCodec.real(after.get(0)) : CursorCodec.instant(after.get(0));
            String keyParam = param(params, keyValue);
            // cast(), not ::real: Hibernate would read "?3::real" as the parameter label "3::real".
            String afterKey = sort == Sort.RELEVANCE ? "cast(" + keyParam + " as real)" : keyParam;
            where.append(" and (").append(key).append(", a.id) ").append(sort == Sort.OLDEST ? ">" : "<")
                    .append(" (").append(afterKey).append(", ")
                    .append(param(params, CursorCodec.uuid(after.get(1)))).append(")");
        }
        String sql = "select a.id, " + key + " as sort_key from " + from + " where " + where
                + " order by sort_key " + direction + ", a.id " + direction + " limit " + (query.limit() + 1);

        Query select = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            select.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        boolean more = rows.size() > query.limit();
        List<Object[]> pageRows = more ? rows.subList(0, query.limit()) : rows;

        List<UUID> ids = pageRows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, Article> loaded = new HashMap<>();
        Article.findWithSources(ids).forEach(a -> loaded.put(a.id, a));
        List<ArticleSummary> items = ids.stream().map(loaded::get).map(a -> ArticleSummary.from(a, now)).toList();

        String next = null;
        if (more) {
            Object[] last = pageRows.get(pageRows.size() - 1);
            String keyText = sort == Sort.RELEVANCE ? Float.toString(((Number) last[1]).floatValue())
                    : SqlValues.instant(last[1]).toString();
            next = cursors.encode(query.scope(), List.of(keyText, last[0].toString()));
        }
        return new Page<>(items, next);
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }





}

package dev.byline.article;

import dev.byline.article.ArticleQuery.Sort;
import dev.byline.web.CursorCodec;
import dev.byline.web.Page;
import dev.byline.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
        if (query.cursor() != null) {
            List<String> after = cursors.decode(query.scope(), query.cursor(), 2);
            Object keyValue = sort == Sort.RELEVANCE ? parseFloat(after.get(0)) : parseInstant(after.get(0));
            String cast = sort == Sort.RELEVANCE ? "::real" : "";
            where.append(" and (").append(key).append(", a.id) ").append(sort == Sort.OLDEST ? ">" : "<")
                    .append(" (").append(param(params, keyValue)).append(cast).append(", ")
                    .append(param(params, parseUuid(after.get(1)))).append(")");
        }
        String sql = "select a.id, " + key + " as sort_key from article a where " + where
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
                    : toInstant(last[1]).toString();
            next = cursors.encode(query.scope(), List.of(keyText, last[0].toString()));
        }
        return new Page<>(items, next);
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected sort key type");
    }

    // Values inside a verified cursor were written by this class; a failure here means a key rotation or a bug.
    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalidCursor();
        }
    }

    private static Float parseFloat(String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    private static ProblemException invalidCursor() {
        return ProblemException.invalidQuery("cursor", "not a cursor issued for this query");
    }
}

package dev.byline.comment;

import dev.byline.article.ArticleVisibility;
import dev.byline.database.SqlValues;
import dev.byline.web.CursorCodec;
import dev.byline.web.Page;
import dev.byline.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads threads for the public, owning all thread SQL: the article (or comment) they hang from, then one statement
 * per page whatever the thread's size, a keyset page of top-level comments with, through LEFT JOIN LATERAL, the first
 * replies of each in thread (path) order. Indexes in V3.
 */
@ApplicationScoped
public class CommentThreads {

    /** The depth-first successor bound of a subtree: no id sorts after this one. */
    private static final String LAST_ID = "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid";
    private static final String COLUMNS = "%1$s.id, %1$s.parent_id, %1$s.depth, %1$s.status, %1$s.author_name, %1$s.body_text,"
            + " %1$s.body_html, %1$s.created_at, %1$s.edited_at, %1$s.reply_count, cast(%1$s.path as text)";
    private static final int WIDTH = 11;

    /** Orders of top-level comments. */
    enum Sort {
        OLDEST("c.created_at, c.id", "(c.created_at, c.id) > (?2, ?3)"),
        NEWEST("c.created_at desc, c.id desc", "(c.created_at, c.id) < (?2, ?3)"),
        MOST_REPLIES("c.reply_count desc, c.created_at desc, c.id desc", "(c.reply_count, c.created_at, c.id) < (?4, ?2, ?3)");

        final String order;
        final String after;

        Sort(String order, String after) {
            this.order = order;
            this.after = after;
        }

        static Sort parse(String raw) {
            if (raw == null) {
                return OLDEST;
            }
            for (Sort sort : values()) {
                if (sort.label().equals(raw.trim())) {
                    return sort;
                }
            }
            throw ProblemException.invalidQuery("sort", "must be one of oldest, newest, most-replies");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final CursorCodec cursors;

    public CommentThreads(CursorCodec cursors) {
        this.cursors = cursors;
    }

    /** A page of top-level comments with their first replies: two statements, the article and the page. */
    @Transactional
    public Page<CommentView> thread(String idOrSlug, String sort, int limit, int replies, String cursor) {
        Sort order = Sort.parse(sort);
        CommentedArticle article = CommentedArticle.findPublic(idOrSlug);
        return page(article.id(), order, limit, replies, cursor);
    }

    /** Everything below one visible comment of an article anybody may read, in thread order: two statements. */
    @Transactional
    public Page<CommentView> replies(String id, int limit, String cursor) {
        UUID commentId = Comment.idOf(id);
        List<Object[]> rows = run("select cast(c.path as text), c.root_id from comment c"
                + " join article a on a.id = c.article_id where c.id = ?1 and c.visible"
                + " and " + ArticleVisibility.PUBLIC, List.of(commentId));
        if (rows.isEmpty()) {
            throw Comment.notFound(id);
        }
        return subtree(commentId, (String) rows.get(0)[0], (UUID) rows.get(0)[1], limit, cursor);
    }

    static String repliesScope(UUID commentId) {
        return "comment-replies:" + commentId;
    }

    private static String threadScope(UUID articleId, Sort sort) {
        return "comment-thread:" + articleId + ":" + sort.label();
    }

    private Page<CommentView> page(UUID articleId, Sort sort, int limit, int replies, String cursor) {
        String scope = threadScope(articleId, sort);
        List<Object> params = new ArrayList<>(List.of(articleId));
        String after = "";
        if (cursor != null) {
            CursorCodec.Values values = cursors.decode(scope, cursor, 3);
            params.add(values.instant(0));
            params.add(values.uuid(1));
            if (sort == Sort.MOST_REPLIES) {
                params.add(values.integer(2));
            }
            after = " and " + sort.after;
        }
        String sql = "with roots as (select c.* from comment c where c.article_id = ?1 and c.parent_id is null and c.visible"
                + after + " order by " + sort.order + " limit " + CursorCodec.fetchSize(limit) + ")"
                + " select " + String.format(COLUMNS, "r") + ", " + String.format(COLUMNS, "x")
                + " from roots r left join lateral (select d.* from comment d where d.root_id = r.id and d.visible"
                + " and d.depth > 0 order by d.path limit " + CursorCodec.fetchSize(replies) + ") x on true"
                + " order by " + sort.order.replace("c.", "r.") + ", x.path";
        List<Object[]> rows = run(sql, params);

        Map<UUID, Object[]> roots = new LinkedHashMap<>();
        Map<UUID, List<Object[]>> repliesOf = new LinkedHashMap<>();
        for (Object[] row : rows) {
            UUID rootId = (UUID) row[0];
            roots.putIfAbsent(rootId, row);
            List<Object[]> list = repliesOf.computeIfAbsent(rootId, k -> new ArrayList<>());
            if (row[WIDTH] != null) {
                list.add(Arrays.copyOfRange(row, WIDTH, 2 * WIDTH));
            }
        }
        boolean more = roots.size() > limit;
        List<CommentView> items = new ArrayList<>();
        Object[] lastRoot = null;
        for (Map.Entry<UUID, Object[]> root : roots.entrySet()) {
            if (items.size() == limit) {
                break;
            }
            lastRoot = root.getValue();
            List<Object[]> shown = repliesOf.get(root.getKey());
            String repliesNext = null;
            if (shown.size() > replies) {
                shown = shown.subList(0, replies);
                String lastPath = shown.isEmpty() ? (String) lastRoot[10] : (String) shown.get(shown.size() - 1)[10];
                repliesNext = cursors.encode(repliesScope(root.getKey()), List.of(lastPath));
            }
            items.add(view(lastRoot).withReplies(shown.stream().map(CommentThreads::view).toList(), repliesNext));
        }
        String next = null;
        if (more && lastRoot != null) {
            next = cursors.encode(scope, List.of(SqlValues.instant(lastRoot[7]).toString(), lastRoot[0].toString(),
                    String.valueOf(((Number) lastRoot[9]).intValue())));
        }
        return new Page<>(items, next);
    }

    /** Everything under one comment, depth first: a path range that stops at the end of its subtree. */
    private Page<CommentView> subtree(UUID commentId, String commentPath, UUID rootId, int limit, String cursor) {
        String scope = repliesScope(commentId);
        String after = cursor == null ? commentPath : cursors.decode(scope, cursor, 1).text(0);
        if (!after.startsWith(commentPath.substring(0, commentPath.length() - 1))) {
            throw ProblemException.invalidQuery("cursor", "not a cursor issued for this query");
        }
        String sql = "select " + String.format(COLUMNS, "d") + " from comment d where d.root_id = ?1 and d.visible"
                + " and d.depth > 0 and d.path > cast(?2 as uuid[]) and d.path < array_append(cast(?3 as uuid[]), "
                + LAST_ID + ") order by d.path limit " + CursorCodec.fetchSize(limit);
        List<Object[]> rows = run(sql, List.of(rootId, after, commentPath));
        return cursors.page(scope, rows, limit, last -> List.of((String) last[10]), CommentThreads::view);
    }

    private static List<Object[]> run(String sql, List<Object> params) {
        Query query = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows;
    }

    private static CommentView view(Object[] r) {
        return CommentView.publicOf((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), CommentStatus.of((String) r[3]), (String) r[4],
                (String) r[5], (String) r[6], SqlValues.instant(r[7]), r[8] == null ? null : SqlValues.instant(r[8]),
                ((Number) r[9]).intValue());
    }
}

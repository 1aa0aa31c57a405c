package dev.byline.comment;

import dev.byline.article.ArticleVisibility;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.Uuids;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.List;
import java.util.UUID;

/** What the comment rules need to know about an article, read in one statement by id or by current or former slug. */
record CommentedArticle(UUID id, boolean isPublic, boolean withdrawn, boolean commentsOpen, String moderation) {

    private static final String COLUMNS = "select a.id, (" + ArticleVisibility.PUBLIC + "),"
            + " (a.status = 'withdrawn' or a.status in ('published', 'scheduled') and a.published_at <= now()"
            + " and a.expires_at <= now()), a.comments_open, a.comment_moderation from article a where ";

    /**
     * The article readers may comment on; 404 for unknown ids, drafts, articles not yet due and embargoed ones, 410
     * when withdrawn or expired.
     */
    static CommentedArticle findPublic(String idOrSlug) {
        CommentedArticle article = find(idOrSlug);
        if (article == null || !article.isPublic() && !article.withdrawn()) {
            throw ProblemException.notFound("There is no published article '" + idOrSlug + "'.");
        }
        if (!article.isPublic()) {
            throw new ProblemException(ProblemType.GONE, "The article '" + idOrSlug + "' was withdrawn or has expired, with its comments.");
        }
        return article;
    }

    static CommentedArticle find(String idOrSlug) {
        UUID id = Uuids.parse(idOrSlug).orElse(null);
        var query = Panache.getEntityManager().createNativeQuery(COLUMNS + (id != null ? "a.id = ?1"
                : "a.id = (select s.article_id from article_slug s where s.slug = ?1)"));
        query.setParameter(1, id != null ? id : idOrSlug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new CommentedArticle((UUID) row[0], Boolean.TRUE.equals(row[1]), Boolean.TRUE.equals(row[2]),
                Boolean.TRUE.equals(row[3]), (String) row[4]);
    }
}

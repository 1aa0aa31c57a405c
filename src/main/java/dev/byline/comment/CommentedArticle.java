package dev.byline.comment;

import dev.byline.article.ArticleAccess;
import dev.byline.article.ArticleTombstone;
import dev.byline.article.Audience;
import dev.byline.article.IdOrSlug;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.List;
import java.util.UUID;

/**
 * What the comment rules need to know about an article, read in one statement by id or by current or former slug,
 * with the public's {@link ArticleAccess} verdict computed by the database from the same rule as the article's own.
 */
record CommentedArticle(UUID id, ArticleAccess access, boolean commentsOpen, String moderation) {

    private static final String COLUMNS = "select a.id, " + ArticleAccess.sql(Audience.PUBLIC)
            + ", a.comments_open, a.comment_moderation from article a where ";

    /** Whether anybody may read the article, and so its comments. */
    boolean isPublic() {
        return access == ArticleAccess.SHOWN;
    }

    /**
     * The article readers may comment on, answered like the article itself: 404 for unknown ids and for what the
     * public never saw (drafts, articles not yet due, embargoed ones), 410 when withdrawn, expired or deleted after
     * the public could read it.
     */
    static CommentedArticle findPublic(String idOrSlug) {
        CommentedArticle article = find(idOrSlug);
        if (article == null) {
            boolean wasPublic = ArticleTombstone.findFor(idOrSlug).filter(t -> t.shownTo(false)).isPresent();
            throw wasPublic ? gone(idOrSlug) : notFound(idOrSlug);
        }
        return switch (article.access()) {
            case SHOWN -> article;
            case WITHDRAWN, EXPIRED -> throw gone(idOrSlug);
            case HIDDEN -> throw notFound(idOrSlug);
        };
    }

    /** The article {@code idOrSlug} names ({@link IdOrSlug}), whoever may see it; null when there is none. */
    static CommentedArticle find(String idOrSlug) {
        IdOrSlug name = IdOrSlug.of(idOrSlug);
        if (name.namesNothing()) {
            return null;
        }
        var query = Panache.getEntityManager().createNativeQuery(COLUMNS + name.sql());
        query.setParameter(1, name.parameter());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new CommentedArticle((UUID) row[0], ArticleAccess.named(row[1]), Boolean.TRUE.equals(row[2]),
                (String) row[3]);
    }

    private static ProblemException notFound(String idOrSlug) {
        return ProblemException.notFound("There is no published article '" + idOrSlug + "'.");
    }

    private static ProblemException gone(String idOrSlug) {
        return new ProblemException(ProblemType.GONE,
                "The article '" + idOrSlug + "' was withdrawn, has expired or was deleted, with its comments.");
    }
}

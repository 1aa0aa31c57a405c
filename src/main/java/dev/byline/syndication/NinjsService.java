package dev.byline.syndication;

import dev.byline.article.Article;
import dev.byline.article.ArticleSlug;
import dev.byline.article.ArticleStatus;
import dev.byline.article.ArticleTombstone;
import dev.byline.web.ProblemException;
import dev.byline.web.Uuids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Articles as ninjs, for any caller. Unlike the JSON representation, a withdrawn, expired or deleted article is
 * not an error here: ninjs says so with pubStatus ({@code withheld}, {@code canceled}), which is how wire partners
 * learn to recall their copies. Articles whose rights do not allow syndication are never shown as ninjs.
 */
@ApplicationScoped
public class NinjsService {

    /** A ninjs document and the time its content last changed. */
    public record Rendered(Ninjs ninjs, Instant lastModified, boolean isPublic) {
    }

    @Transactional
    public Rendered read(String idOrSlug, boolean partner, boolean editor, URI base) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Uuids.parse(idOrSlug).or(() -> ArticleSlug.findBySlug(idOrSlug).map(s -> s.articleId))
                .orElseThrow(() -> notFound(idOrSlug));
        Optional<Article> found = Article.findWithSource(id);
        if (found.isEmpty()) {
            ArticleTombstone tombstone = ArticleTombstone.<ArticleTombstone>findByIdOptional(id)
                    .orElseThrow(() -> notFound(idOrSlug));
            return new Rendered(Ninjs.canceled(tombstone, base), tombstone.deletedAt, true);
        }
        Article article = found.get();
        ArticleStatus status = article.effectiveStatus(now);
        if (!editor && !article.effectiveRights().syndicatable()) {
            throw ProblemException.notFound("The article '" + idOrSlug + "' is not available for syndication.");
        }
        String pubStatus;
        if (status == ArticleStatus.WITHDRAWN || status == ArticleStatus.PUBLISHED && article.isExpired(now)) {
            pubStatus = "withheld";
        } else if (article.isPublic(now) || (partner || editor) && article.isSyndicated(now)) {
            pubStatus = "usable";
        } else if (editor) {
            pubStatus = "withheld"; // a draft or a scheduled article, shown to its editors
        } else {
            throw notFound(idOrSlug);
        }
        Instant modified = latest(article.updatedAt, article.publishedAt, article.embargoedUntil, article.expiresAt, now);
        return new Rendered(Ninjs.of(article, pubStatus, base, now), modified,
                article.isPublic(now) || pubStatus.equals("withheld") && !editor);
    }

    /** The last of the times at which what ninjs shows changed, ignoring those still to come. */
    private static Instant latest(Instant updated, Instant... times) {
        Instant now = times[times.length - 1];
        Instant latest = updated;
        for (int i = 0; i < times.length - 1; i++) {
            if (times[i] != null && !times[i].isAfter(now) && times[i].isAfter(latest)) {
                latest = times[i];
            }
        }
        return latest;
    }

    private static ProblemException notFound(String asked) {
        return ProblemException.notFound("There is no article '" + asked + "'.");
    }
}

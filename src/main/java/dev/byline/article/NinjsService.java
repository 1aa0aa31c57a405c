package dev.byline.article;

import dev.byline.SiteLinks;
import dev.byline.StoredTime;
import dev.byline.source.Source;
import dev.byline.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Articles as ninjs, for any caller. Unlike the JSON representation, a withdrawn, expired or deleted article is
 * not an error here: ninjs says so with pubStatus ({@code withheld}, {@code canceled}), which is how wire partners
 * learn to recall their copies. Articles whose rights do not allow syndication are never shown as ninjs.
 */
@ApplicationScoped
public class NinjsService {

    private final SiteLinks site;
    private final Clock clock;

    public NinjsService(SiteLinks site, Clock clock) {
        this.clock = clock;
        this.site = site;
    }

    /** A ninjs document and the time its content last changed. */
    public record Rendered(Ninjs ninjs, Instant lastModified, boolean isPublic) {
    }

    @Transactional
    public Rendered read(String idOrSlug, Readership reader, URI base) {
        boolean editor = reader.editor();
        boolean partner = reader.partner();
        Instant now = StoredTime.now(clock);
        Optional<Article> found = Article.findForReading(idOrSlug);
        if (found.isEmpty()) {
            ArticleTombstone tombstone = ArticleTombstone.findFor(idOrSlug)
                    .filter(t -> editor || t.shownTo(partner))
                    .orElseThrow(() -> notFound(idOrSlug));
            return new Rendered(Ninjs.canceled(tombstone, base), tombstone.deletedAt, tombstone.wasPublic);
        }
        Article article = found.get();
        // What a partner may know decides for editors too: what it is not shown is withheld, not usable.
        ArticleAccess access = ArticleAccess.of(article, partner || editor, now);
        if (access == ArticleAccess.HIDDEN && !editor) {
            throw notFound(idOrSlug);
        }
        String pubStatus = access == ArticleAccess.SHOWN ? "usable" : "withheld";
        // Only once the caller may know the article exists: otherwise this answer would reveal a hidden one.
        if (!editor && !article.effectiveRights().syndicatable()) {
            throw ProblemException.notFound("The article '" + idOrSlug + "' is not available for syndication.");
        }
        // Its sources show too (names, rights in infoSources, copyrightHolder, usageTerms): their edits count.
        Instant modified = latest(article.updatedAt, article.publishedAt, article.embargoedUntil, article.expiresAt, now);
        for (Source source : sourcesOf(article)) {
            if (source.updatedAt != null && source.updatedAt.isAfter(modified) && !source.updatedAt.isAfter(now)) {
                modified = source.updatedAt;
            }
        }
        return new Rendered(Ninjs.of(article, pubStatus, base, site, now), modified,
                article.isPublic(now) || pubStatus.equals("withheld") && !editor && article.wasPublic(now));
    }

    private static List<Source> sourcesOf(Article article) {
        List<Source> sources = new ArrayList<>();
        if (article.source != null) {
            sources.add(article.source);
        }
        article.citedSources.forEach(cited -> sources.add(cited.source));
        return sources;
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

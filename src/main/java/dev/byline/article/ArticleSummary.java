package dev.byline.article;

import dev.byline.SiteLinks;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article in a list: everything a front page or a partner's index needs, without the body.
 *
 * @param webUrl its page on the newsroom's site, as in {@link ArticleView}, so a front page links without another call
 */
public record ArticleSummary(
        UUID id,
        String slug,
        String headline,
        String standfirst,
        String byline,
        String dateline,
        String section,
        List<String> tags,
        String language,
        ArticleStatus status,
        Instant publishedAt,
        Instant updatedAt,
        long version,
        SourceRef source,
        String attribution,
        Rights rights,
        URI webUrl,
        int commentCount,
        int wordCount,
        int readingTimeMinutes) {

    static ArticleSummary from(Article a, Instant now, SiteLinks site) {
        return new ArticleSummary(a.id, a.slug, a.headline, a.standfirst, a.byline, a.dateline, a.section, a.tags,
                a.language, a.effectiveStatus(now), a.publishedAt, a.updatedAt, a.version, SourceRef.from(a.source),
                Provenance.attribution(a), Provenance.rights(a), a.webUrl(site, now).orElse(null), a.commentCount,
                a.wordCount, ArticleBody.readingTime(a.wordCount));
    }
}

package dev.byline.article;

import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An article in a list: everything a front page or a partner's index needs, without the body. */
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
        int commentCount,
        int wordCount,
        int readingTimeMinutes) {

    static ArticleSummary from(Article a, Instant now) {
        return new ArticleSummary(a.id, a.slug, a.headline, a.standfirst, a.byline, a.dateline, a.section, a.tags,
                a.language, a.effectiveStatus(now), a.publishedAt, a.updatedAt, a.version, SourceRef.from(a.source),
                Provenance.attribution(a), Provenance.rights(a), a.commentCount, a.wordCount,
                ArticleBody.readingTime(a.wordCount));
    }
}

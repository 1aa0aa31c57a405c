package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.article.ArticleView.CitationView;
import dev.byline.article.ArticleView.CorrectionView;
import dev.byline.article.ArticleView.Withdrawal;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One committed version of an article, as {@code GET /articles/{idOrSlug}/revisions} lists it: when it became
 * current, who made it, which fields it changed and the correction it added.
 */
public record ArticleRevision(
        long version,
        Instant at,
        Author by,
        List<String> changed,
        CorrectionView correction) {

    /**
     * Who made a version. Editors see the API key (id and name, as the audit log names it); everybody else only the
     * role it acted in: {@code editor}, {@code moderator}, {@code partner}, or {@code system} for the scheduler and
     * changes made without a key.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String role, UUID keyId, String name) {
    }

    /** A version with what it said: {@code GET /articles/{idOrSlug}/revisions/{version}}. */
    public record Detail(
            UUID articleId,
            long version,
            Instant at,
            Author by,
            List<String> changed,
            CorrectionView correction,
            Content article) {
    }

    /**
     * The article as this version had it: its editorial fields, with the source, its attribution and rights as they
     * applied then. What changes without a new version (the comment count, the other language versions) is not here.
     */
    public record Content(
            String slug,
            String headline,
            String standfirst,
            String bodyHtml,
            String bodyText,
            String byline,
            String dateline,
            String section,
            List<String> tags,
            String language,
            UUID translationOf,
            ArticleStatus status,
            Instant publishedAt,
            Instant embargoedUntil,
            Instant expiresAt,
            Instant updatedAt,
            SourceRef source,
            String attribution,
            List<CitationView> citedSources,
            Rights rights,
            String canonicalUrl,
            boolean commentsOpen,
            int wordCount,
            List<CorrectionView> corrections,
            Withdrawal withdrawal) {

        /** The content of a detached article rebuilt from a version's snapshot. */
        static Content of(Article a) {
            return new Content(a.slug, a.headline, a.standfirst, a.bodyHtml, a.bodyText, a.byline, a.dateline,
                    a.section, a.tags, a.language, a.translationOf, a.status, a.publishedAt,
                    a.embargoedUntil, a.expiresAt, a.updatedAt, SourceRef.from(a.source), Provenance.attribution(a),
                    a.citedSources.stream()
                            .map(c -> new CitationView(SourceRef.from(c.source), c.role, c.note, c.url))
                            .toList(),
                    Provenance.rights(a), a.canonicalUrl, a.commentsOpen, a.wordCount,
                    a.corrections.stream().map(CorrectionView::from).toList(),
                    a.withdrawnAt == null ? null : new Withdrawal(a.withdrawalReason, a.withdrawnAt));
        }
    }
}

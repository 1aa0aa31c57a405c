package dev.byline.article;

import dev.byline.SiteLinks;
import dev.byline.audit.AuditSubject;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A whole article as the API shows it.
 *
 * @param webUrl its page on the newsroom's site while anybody may read it there (see {@link Article#webUrl}); null
 *     without a configured site, and for drafts, scheduled, embargoed, withdrawn and expired articles
 */
public record ArticleView(
        UUID id,
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
        TranslationOf translationOf,
        List<LanguageVersion> translations,
        ArticleStatus status,
        Instant publishedAt,
        Instant embargoedUntil,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        SourceRef source,
        String attribution,
        List<CitationView> citedSources,
        Rights rights,
        String canonicalUrl,
        URI webUrl,
        boolean commentsOpen,
        int commentCount,
        int wordCount,
        int readingTimeMinutes,
        List<CorrectionView> corrections,
        Withdrawal withdrawal) implements AuditSubject {

    @Override
    public String auditId() {
        return id.toString();
    }

    /** The original an article translates, named once readers may open it. */
    public record TranslationOf(UUID id, String link) {
    }

    /** Another language version of the article that readers may open: its original or another translation of it. */
    public record LanguageVersion(String language, UUID id, String slug, String headline, String link) {

        static LanguageVersion from(Translation t) {
            return new LanguageVersion(t.language(), t.id(), t.slug(), t.headline(), t.link());
        }
    }

    /** A cited outlet with its role. */
    public record CitationView(SourceRef source, CitationRole role, String note, String url) {
    }

    /** A dated correction. */
    public record CorrectionView(long id, String text, Instant createdAt) {

        static CorrectionView from(Correction correction) {
            return new CorrectionView(correction.id, correction.text, correction.createdAt);
        }
    }

    /** Why and when an article was withdrawn. */
    public record Withdrawal(String reason, Instant withdrawnAt) {
    }

    static ArticleView from(Article a, Instant now, SiteLinks site) {
        return new ArticleView(a.id, a.slug, a.headline, a.standfirst, a.bodyHtml, a.bodyText, a.byline, a.dateline,
                a.section, a.tags, a.language,
                a.original(now).map(o -> new TranslationOf(o.id(), o.link())).orElse(null),
                a.translations(now).stream().map(LanguageVersion::from).toList(),
                a.effectiveStatus(now), a.publishedAt, a.embargoedUntil, a.expiresAt, a.createdAt, a.updatedAt, a.version,
                SourceRef.from(a.source), Provenance.attribution(a),
                a.citedSources.stream()
                        .map(c -> new CitationView(SourceRef.from(c.source), c.role, c.note, c.url))
                        .toList(),
                Provenance.rights(a), a.canonicalUrl, a.webUrl(site, now).orElse(null), a.commentsOpen, a.commentCount, a.wordCount,
                ArticleBody.readingTime(a.wordCount),
                a.corrections.stream().map(CorrectionView::from).toList(),
                a.withdrawnAt == null ? null : new Withdrawal(a.withdrawalReason, a.withdrawnAt));
    }
}

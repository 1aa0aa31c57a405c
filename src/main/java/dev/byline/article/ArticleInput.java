package dev.byline.article;

import dev.byline.source.Rights;
import dev.byline.web.HttpUrl;
import dev.byline.web.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** An article as editors send it on POST, and the shape a PATCH merge patch applies to. */
public record ArticleInput(
        @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String slug,
        @NotBlank @Size(max = 300) String headline,
        @Size(max = 1000) String standfirst,
        @Size(max = 500_000) String bodyHtml,
        @Size(max = 500_000) String bodyText,
        @Size(max = 300) String byline,
        @Size(max = 200) String dateline,
        @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String section,
        @Size(max = 30) List<@NotNull @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String> tags,
        @Pattern(regexp = Patterns.LANGUAGE, message = Patterns.LANGUAGE_MESSAGE) String language,
        @Size(max = 100) String translationOf,
        @Pattern(regexp = Patterns.SLUG, message = "must be the slug of a source") String source,
        @Size(max = 300) String attribution,
        @Size(max = 50) List<@NotNull @Valid CitationInput> citedSources,
        @Valid Rights rights,
        @Size(max = 2000) @HttpUrl String canonicalUrl,
        Boolean commentsOpen,
        Instant expiresAt) {

    /** One cited outlet, named by its source slug. */
    public record CitationInput(
            @NotBlank @Pattern(regexp = Patterns.SLUG, message = "must be the slug of a source") String source,
            @NotNull CitationRole role,
            @Size(max = 500) String note,
            @Size(max = 2000) @HttpUrl String url) {
    }

    /** The current state of {@code article} as input, the base that a merge patch is applied to. */
    static ArticleInput of(Article article) {
        return new ArticleInput(article.slug, article.headline, article.standfirst, article.bodyHtml, null,
                article.byline, article.dateline, article.section, article.tags, article.language,
                article.translationOf == null ? null : article.translationOf.toString(),
                article.source == null ? null : article.source.slug, article.attribution,
                article.citedSources.stream()
                        .map(c -> new CitationInput(c.source.slug, c.role, c.note, c.url))
                        .toList(),
                new Rights(article.copyrightHolder, article.usageTerms, article.syndicatable),
                article.canonicalUrl, article.commentsOpen, article.expiresAt);
    }

    ArticleInput withoutBody() {
        return new ArticleInput(slug, headline, standfirst, null, null, byline, dateline, section, tags, language,
                translationOf, source, attribution, citedSources, rights, canonicalUrl, commentsOpen, expiresAt);
    }

    /** The same input naming its original as {@code original} (an id where the client may have sent a slug). */
    ArticleInput withTranslationOf(String original) {
        return new ArticleInput(slug, headline, standfirst, bodyHtml, bodyText, byline, dateline, section, tags,
                language, original, source, attribution, citedSources, rights, canonicalUrl, commentsOpen, expiresAt);
    }
}

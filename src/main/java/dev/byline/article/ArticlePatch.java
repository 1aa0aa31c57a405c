package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.article.ArticleInput.CitationInput;
import dev.byline.source.RightsPatch;
import dev.byline.web.MergePatch;
import dev.byline.web.MergePatch.Field;
import java.time.Instant;
import java.util.List;

/**
 * A PATCH to an article (RFC 7396): a field left out stays as it is, null clears it, a value replaces it, and
 * {@code rights} is merged field by field. The result is checked as an {@link ArticleInput}, so that what may not be
 * cleared (a headline, the slug) is refused there.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticlePatch(
        Field<String> slug,
        Field<String> headline,
        Field<String> standfirst,
        Field<String> bodyHtml,
        Field<String> bodyText,
        Field<String> byline,
        Field<String> dateline,
        Field<String> section,
        Field<List<String>> tags,
        Field<String> language,
        Field<String> translationOf,
        Field<String> source,
        Field<String> attribution,
        Field<List<CitationInput>> citedSources,
        Field<RightsPatch> rights,
        Field<String> canonicalUrl,
        Field<Boolean> commentsOpen,
        Field<Instant> expiresAt) implements MergePatch.Document {

    /** Whether the patch sends both bodies, which no article has; sending one replaces the other. */
    boolean sendsBothBodies() {
        return bodyHtml.hasValue() && bodyText.hasValue();
    }

    /** The article as {@code current} with this patch applied, to be validated like a new article. */
    ArticleInput applyTo(ArticleInput current) {
        // The stored body is HTML; a text body sent in its place replaces it.
        ArticleInput base = bodyText.hasValue() ? current.withoutBody() : current;
        return new ArticleInput(slug.orElse(base.slug()), headline.orElse(base.headline()),
                standfirst.orElse(base.standfirst()), bodyHtml.orElse(base.bodyHtml()), bodyText.orElse(base.bodyText()),
                byline.orElse(base.byline()), dateline.orElse(base.dateline()), section.orElse(base.section()),
                tags.orElse(base.tags()), language.orElse(base.language()), translationOf.orElse(base.translationOf()),
                source.orElse(base.source()), attribution.orElse(base.attribution()),
                citedSources.orElse(base.citedSources()), rights.merge(base.rights(), RightsPatch::applyTo),
                canonicalUrl.orElse(base.canonicalUrl()), commentsOpen.orElse(base.commentsOpen()),
                expiresAt.orElse(base.expiresAt()));
    }
}

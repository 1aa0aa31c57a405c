package dev.byline.article;

import dev.byline.source.Rights;
import dev.byline.source.Source;

/** The attribution and rights an article carries: its own where set, otherwise its source's defaults. */
final class Provenance {

    private Provenance() {
    }

    static String attribution(Article article) {
        if (article.attribution != null) {
            return article.attribution;
        }
        return article.source == null ? null : article.source.defaultAttribution;
    }

    static Rights rights(Article article) {
        Source source = article.source;
        return new Rights(
                article.copyrightHolder != null ? article.copyrightHolder : source == null ? null : source.copyrightHolder,
                article.usageTerms != null ? article.usageTerms : source == null ? null : source.usageTerms,
                article.syndicatable != null ? article.syndicatable : source == null || source.syndicatable);
    }
}

package dev.byline.article;

import dev.byline.web.ApiLinks;
import java.util.UUID;

/**
 * Another language version of an article: its original ({@code original}), or another translation of the same
 * original.
 */
public record Translation(UUID id, String slug, String language, String headline, boolean original) {

    /** Where the API serves it, as a path that holds on any host. */
    public String link() {
        return ApiLinks.articlePath(slug);
    }
}

package dev.byline.web;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/**
 * Where the API serves each resource, for links in bodies and {@code Location} headers: every address the service
 * writes is built here from the base URI of the request (JAX-RS's, ending in {@code /}). Slugs, sections and tags are
 * validated to URL-safe characters on input, so only an id or slug read from a request path is encoded.
 */
public final class ApiLinks {

    /** The API's root relative to the service's base URI; the resources' {@code @Path}s start with it too. */
    private static final String V1 = "api/v1/";

    private ApiLinks() {
    }

    /** The list of articles. */
    public static URI articles(URI base) {
        return base.resolve(V1 + "articles");
    }

    /** The list of articles filtered by one query parameter ({@code section}, {@code tag}, {@code source}). */
    public static URI articles(URI base, String parameter, String value) {
        return base.resolve(V1 + "articles?" + parameter + "=" + value);
    }

    /** An article by id or slug. */
    public static URI article(URI base, Object idOrSlug) {
        return base.resolve(V1 + "articles/" + idOrSlug);
    }

    /** An article, as a path that holds on any host. */
    public static String articlePath(Object idOrSlug) {
        return "/" + V1 + "articles/" + idOrSlug;
    }

    /** An article's ninjs representation; {@code idOrSlug} as the client sent it, so encoded. */
    public static URI ninjs(URI base, String idOrSlug) {
        return UriBuilder.fromUri(base).path(V1 + "articles/{idOrSlug}/ninjs").build(idOrSlug);
    }

    /** The comment thread of an article. */
    public static URI comments(URI base, Object articleId) {
        return base.resolve(V1 + "articles/" + articleId + "/comments");
    }

    /** One comment. */
    public static URI comment(URI base, Object id) {
        return base.resolve(V1 + "comments/" + id);
    }

    /** A source by slug. */
    public static URI source(URI base, String slug) {
        return base.resolve(V1 + "sources/" + slug);
    }

    /** The taxonomy's sections. */
    public static URI sections(URI base) {
        return base.resolve(V1 + "sections");
    }

    /** The taxonomy's tags. */
    public static URI tags(URI base) {
        return base.resolve(V1 + "tags");
    }

    /** An API key. */
    public static URI key(URI base, Object id) {
        return base.resolve(V1 + "keys/" + id);
    }

    /** A webhook subscription. */
    public static URI webhook(URI base, Object id) {
        return base.resolve(V1 + "webhooks/" + id);
    }

    /** The deliveries of a webhook subscription. */
    public static URI deliveries(URI base, Object webhookId) {
        return base.resolve(V1 + "webhooks/" + webhookId + "/deliveries");
    }
}

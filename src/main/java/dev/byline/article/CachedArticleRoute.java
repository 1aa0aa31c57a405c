package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.security.RateLimits;
import dev.byline.web.Caching;
import dev.byline.web.Gzip;
import dev.byline.web.Representations;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The most common request Byline gets, answered straight from the router: an anonymous {@code GET} of a public
 * article this instance already rendered. It is the same answer {@link ArticleResource} gives (same bytes, ETag,
 * caching headers and rate limit), without the JAX-RS machinery around it, which costs more than the answer itself.
 * Anything else (credentials, a query, another media type, a precondition other than If-None-Match, an article not
 * in memory) goes on to {@link ArticleResource}.
 */
@ApplicationScoped
public class CachedArticleRoute {

    /** After {@code dev.byline.web.BrowserPolicy} (-100), which sets the security headers every API answer carries. */
    private static final int AFTER_BROWSER_POLICY = -90;
    private static final String PATH = "/api/v1/articles/:idOrSlug";
    private static final String JSON = "application/json";
    private static final String VARY = Representations.varyByCredentials(true);

    private final ArticleService articles;
    private final RateLimits limits;
    private final String cacheControl;

    public CachedArticleRoute(ArticleService articles, RateLimits limits, BylineConfig config) {
        this.articles = articles;
        this.limits = limits;
        this.cacheControl = Caching.publicFor(config.cacheMaxAge());
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PATH).order(AFTER_BROWSER_POLICY).handler(this::answer);
        router.route(HttpMethod.HEAD, PATH).order(AFTER_BROWSER_POLICY).handler(this::answer);
    }

    private void answer(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<ReadCaches.Rendition> cached = plain(request)
                ? articles.readFromMemory(context.pathParam("idOrSlug"))
                        .filter(ArticleService.Lookup.Found.class::isInstance)
                        .map(found -> ((ArticleService.Lookup.Found) found).article())
                : Optional.empty();
        if (cached.isEmpty()) {
            context.next();
            return;
        }
        ReadCaches.Rendition rendition = cached.get();
        HttpServerResponse response = context.response();
        RateLimits.Applied applied = null;
        if (limits.enabled()) {
            applied = limits.anonymous(request);
            if (!applied.decision().allowed()) {
                context.next(); // nothing was taken: JAX-RS asks again and answers the 429 problem
                return;
            }
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        boolean notModified = Representations.noneMatch(ifNoneMatch, rendition.tag());
        if (applied != null) {
            limits.settle(applied, notModified ? 304 : 200, ifNoneMatch);
            limits.headers(applied).forEach(response::putHeader);
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.ETAG, "\"" + rendition.tag() + "\"")
                .putHeader(HttpHeaders.VARY, VARY);
        if (notModified) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        boolean head = request.method() == HttpMethod.HEAD;
        if (request.version() != HttpVersion.HTTP_2 && Gzip.accepted(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            // Already compressed: over HTTP/1.1 the server's own compressor leaves a response with a Content-Encoding
            // alone (over HTTP/2 it would read the header as an order to compress, so there it compresses itself).
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            end(response, head, rendition.gzip());
        } else {
            end(response, head, rendition.json());
        }
    }

    private static void end(HttpServerResponse response, boolean head, byte[] body) {
        if (head) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length)).end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /**
     * Whether the request is one this route answers exactly as {@link ArticleResource} would: no credentials, no
     * query, the JSON representation acceptable, no preconditions but If-None-Match, no trailing slash.
     */
    private static boolean plain(HttpServerRequest request) {
        return request.query() == null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader("X-API-Key") == null
                && request.getHeader(HttpHeaders.IF_MATCH) == null
                && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
                && request.getHeader("If-Unmodified-Since") == null
                && !request.path().endsWith("/")
                && acceptsJson(request.getHeader(HttpHeaders.ACCEPT));
    }

    /** {@code Accept} absent, or naming JSON or any type, and nothing that asks for ninjs or sets a quality. */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        if (accept.contains(";") || accept.contains("ninjs")) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.trim();
            if (type.equals(JSON) || type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
        }
        return false;
    }
}

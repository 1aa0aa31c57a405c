package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.web.Caching;
import dev.byline.web.Representations;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
    private final MemoryAnswers answers;
    private final String cacheControl;

    public CachedArticleRoute(ArticleService articles, MemoryAnswers answers, BylineConfig config) {
        this.articles = articles;
        this.answers = answers;
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
        MemoryAnswers.Kept kept = new MemoryAnswers.Kept(rendition.tag(), null, JSON, cacheControl, VARY,
                rendition::json, rendition::gzip);
        if (!answers.send(context, kept)) {
            context.next(); // nothing was taken: JAX-RS asks again and answers the 429 problem
        }
    }

    /**
     * Whether the request is one this route answers exactly as {@link ArticleResource} would: no credentials, no
     * query, the JSON representation acceptable, no preconditions but If-None-Match, no trailing slash.
     */
    private static boolean plain(HttpServerRequest request) {
        return request.query() == null
                && MemoryAnswers.anonymousRead(request)
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

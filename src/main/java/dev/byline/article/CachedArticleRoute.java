package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.security.RateLimits;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
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
 * article. It is the same answer {@link ArticleResource} gives (same bytes, ETag, caching headers and rate limit),
 * without the JAX-RS machinery around it, which costs more than the answer itself: from memory on the event loop when
 * this instance rendered the article before, else read on a worker by the same {@link ArticleService#read}. Anything
 * else (credentials, a query, another media type, a precondition other than If-None-Match) goes on to
 * {@link ArticleResource}, and so does an outcome this route does not send (a moved slug, a 404, a 410), which it
 * hands over in the routing context so that the database is not read twice.
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
        if (!plain(request)) {
            context.next();
            return;
        }
        String idOrSlug = context.pathParam("idOrSlug");
        Optional<ArticleService.Lookup> memory = articles.readFromMemory(idOrSlug);
        if (memory.isPresent()) {
            if (!(memory.get() instanceof ArticleService.Lookup.Found found) || !answers.send(context, kept(found))) {
                context.next(); // a moved slug, or the rate limit (nothing taken): JAX-RS answers
            }
            return;
        }
        // Not in memory: read it on a worker, as ArticleResource would, and answer here what anybody may read.
        RateLimits.Applied applied = answers.take(request);
        if (applied != null && !applied.decision().allowed()) {
            context.next();
            return;
        }
        context.vertx().<ArticleService.Lookup>executeBlocking(() -> read(idOrSlug), false).onComplete(read -> {
            if (read.succeeded() && read.result() instanceof ArticleService.Lookup.Found found && found.shared()) {
                answers.send(context, kept(found), applied);
                return;
            }
            // Anything else (a moved slug, a 404, a 410, a busy database) is ArticleResource's to answer: it takes
            // the outcome from here rather than reading again, and counts the request itself.
            answers.release(applied);
            context.put(OUTCOME, read.succeeded() ? read.result() : read.cause());
            context.next();
        });
    }

    /** The public's read of {@code idOrSlug}, with a request context for the lookups that use Hibernate. */
    private ArticleService.Lookup read(String idOrSlug) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            return articles.read(idOrSlug, Readership.PUBLIC);
        } finally {
            requestContext.terminate();
        }
    }

    private MemoryAnswers.Kept kept(ArticleService.Lookup.Found found) {
        ReadCaches.Rendition rendition = found.article();
        return new MemoryAnswers.Kept(rendition.tag(), null, JSON, cacheControl, VARY, rendition::json,
                rendition::gzip);
    }

    /**
     * What this route read for the request it handed on to {@link ArticleResource}: an {@link ArticleService.Lookup}
     * or the failure the read threw, in the routing context under this name.
     */
    static final String OUTCOME = CachedArticleRoute.class.getName() + ".outcome";

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

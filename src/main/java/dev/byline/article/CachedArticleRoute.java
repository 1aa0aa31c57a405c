package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.security.RateLimits;
import dev.byline.web.BrowserPolicy;
import dev.byline.web.Caching;
import dev.byline.web.Representations;
import dev.byline.web.RequestLimits;
import dev.byline.web.RequestMetrics;
import dev.byline.web.RouteOrder;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
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
 *
 * <p>It runs before Quarkus's authentication filters ({@link RouteOrder#ANONYMOUS_READS}): for a request without
 * credentials they do nothing but cost, the largest part being a match of the path against every resource to name
 * the metrics' URI template. So this route does what the routes it runs before would have done for such a request:
 * the request limits, the browser policy's headers and the URI template. It matches the path by prefix and reads the
 * last segment itself, since a path-parameter route is a regular expression tried on every request.
 */
@ApplicationScoped
public class CachedArticleRoute {

    private static final String PREFIX = "/api/v1/articles/";
    /** The operation's path in the contract, the URI the metrics count these requests under. */
    private static final String TEMPLATE = PREFIX + "{idOrSlug}";
    private static final String JSON = "application/json";
    private static final String VARY = Representations.varyByCredentials(true);

    private final ArticleService articles;
    private final MemoryAnswers answers;
    private final BrowserPolicy policy;
    private final RequestLimits limits;
    private final String cacheControl;

    public CachedArticleRoute(ArticleService articles, MemoryAnswers answers, BrowserPolicy policy,
            RequestLimits limits, BylineConfig config) {
        this.articles = articles;
        this.answers = answers;
        this.policy = policy;
        this.limits = limits;
        this.cacheControl = Caching.publicFor(config.cacheMaxAge());
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PREFIX + "*").order(RouteOrder.ANONYMOUS_READS).handler(this::answer);
        router.route(HttpMethod.HEAD, PREFIX + "*").order(RouteOrder.ANONYMOUS_READS).handler(this::answer);
    }

    private void answer(RoutingContext context) {
        HttpServerRequest request = context.request();
        String idOrSlug = lastSegment(context.normalizedPath());
        if (idOrSlug == null || !plain(request) || !limits.within(request)) {
            context.next();
            return;
        }
        // From here on every path either answers or hands on a request that the later routes treat as before.
        policy.decorateRead(context);
        RequestMetrics.template(context, TEMPLATE);
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
     * The article's id or slug when {@code path} is {@value #PREFIX} and one segment of the characters ids and slugs
     * are made of, else null (the list, a sub-resource, anything percent-encoded: JAX-RS answers those).
     */
    static String lastSegment(String path) {
        if (path == null || path.length() <= PREFIX.length() || !path.startsWith(PREFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        return path.substring(PREFIX.length());
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

package dev.byline.syndication;

import dev.byline.article.MemoryAnswers;
import dev.byline.article.ReadCaches;
import dev.byline.web.RouteOrder;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Feed readers poll: an anonymous {@code GET} of a feed this instance has already built for the same URL is answered
 * from the router, with the bytes, validators and headers {@link FeedResource} sent (it records which URL its kept
 * feed answers, see {@link ReadCaches#answers}). A revalidation then costs a map lookup. Anything else (a key, a
 * precondition other than If-None-Match, a feed changed since) goes on to {@link FeedResource}.
 */
@ApplicationScoped
public class CachedFeedRoute {

    private static final String PATH = "/feeds/*";

    private final ReadCaches caches;
    private final MemoryAnswers answers;

    public CachedFeedRoute(ReadCaches caches, MemoryAnswers answers) {
        this.caches = caches;
        this.answers = answers;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PATH).order(RouteOrder.AFTER_REQUEST_LIMITS).handler(this::answer);
        router.route(HttpMethod.HEAD, PATH).order(RouteOrder.AFTER_REQUEST_LIMITS).handler(this::answer);
    }

    private void answer(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<ReadCaches.Answered> kept = MemoryAnswers.anonymousRead(request)
                ? caches.answered(request.absoluteURI())
                : Optional.empty();
        if (kept.isEmpty()) {
            context.next();
            return;
        }
        ReadCaches.Body body = kept.get().body();
        ReadCaches.Answer answer = kept.get().answer();
        MemoryAnswers.Kept send = new MemoryAnswers.Kept(body.tag(), body.lastModified(), answer.contentType(),
                answer.cacheControl(), answer.vary(), body::bytes, null);
        if (!answers.send(context, send)) {
            context.next(); // nothing was taken: JAX-RS asks again and answers the 429 problem
        }
    }
}

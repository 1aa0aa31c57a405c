package dev.byline.web;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * Names the URI template of a request answered by a route of Byline's own, as Quarkus REST does for the requests
 * it answers, so that {@code http_server_requests_seconds{uri=...}} counts {@code /api/v1/articles/{idOrSlug}} once
 * instead of one series per slug.
 */
public final class RequestMetrics {

    /**
     * Where Quarkus REST leaves the template and Quarkus Micrometer (and OpenTelemetry) read it: a local of the
     * request's Vert.x context. {@code ReadCacheTest} checks the metric, so a Quarkus upgrade that moves it fails
     * there.
     */
    private static final String TEMPLATE = "UrlPathTemplate";

    private RequestMetrics() {
    }

    /** Records {@code template} (a path as written in the contract) as the request's URI for the metrics. */
    public static void template(RoutingContext context, String template) {
        if (context.request() instanceof HttpServerRequestInternal request) {
            request.context().putLocal(TEMPLATE, template);
        }
    }
}

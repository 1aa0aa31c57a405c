package dev.byline.web;

import dev.byline.BylineConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * CORS and browser hardening for the API. Any origin may read; only configured origins may write, so a page on
 * another site cannot drive an editor's browser into changing the news. API responses also forbid sniffing and
 * framing, and carry a content security policy that allows nothing (they are data, never pages).
 *
 * <p>Feeds and the contract ({@code /feeds/*}, {@code /q/openapi}) are public reads: every response says any origin
 * may read it, whether or not the request named one, so that a shared cache can hand the same bytes to a browser
 * on any site. They are documents a browser may open, so they are also sandboxed.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class BrowserPolicy {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String ALLOWED_HEADERS = "Authorization, X-API-Key, Content-Type, If-Match, If-None-Match, "
            + "X-Comment-Token";
    private static final String READ_HEADERS = "Authorization, X-API-Key, If-None-Match, If-Modified-Since";
    private static final String EXPOSED_HEADERS = "ETag, Link, Location, Retry-After, RateLimit, RateLimit-Policy";

    /** Routing-context key: {@link #decorateRead} already set this request's headers. */
    private static final String DECORATED = BrowserPolicy.class.getName() + ".decorated";

    private final List<String> writeOrigins;

    public BrowserPolicy(BylineConfig config) {
        this.writeOrigins = config.cors().writeOrigins().orElse(List.of()).stream().map(String::trim).toList();
    }

    /** Feeds are XML a browser may render: no scripts, no loads, no frames, no same-origin rights. */
    private static final String SANDBOXED = "default-src 'none'; frame-ancestors 'none'; sandbox";

    void register(@Observes Router router) {
        router.route("/api/*").order(RouteOrder.BROWSER_POLICY).handler(this::apply);
        router.route("/feeds/*").order(RouteOrder.BROWSER_POLICY).handler(this::publicRead);
        router.route("/q/openapi*").order(RouteOrder.BROWSER_POLICY).handler(this::publicRead);
    }

    /** Read-only resources for everyone: {@code *} on every read, preflights for reads only. */
    private void publicRead(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Content-Security-Policy", SANDBOXED);
        response.putHeader("Referrer-Policy", "no-referrer");
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        String preflightMethod = context.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (context.request().method() == HttpMethod.OPTIONS && preflightMethod != null) {
            if (READS.contains(preflightMethod.toUpperCase())) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD");
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, READ_HEADERS);
                response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
            }
            response.setStatusCode(204).end();
            return;
        }
        context.next();
    }

    /**
     * Sets on a GET or HEAD of the API the headers {@link #apply} would, for a route that answers it before this
     * one runs; this route then leaves the request alone.
     */
    public void decorateRead(RoutingContext context) {
        api(context);
        context.put(DECORATED, Boolean.TRUE);
    }

    private void apply(RoutingContext context) {
        if (context.get(DECORATED) != null || !api(context)) {
            context.next();
        }
    }

    /** Sets the API's headers; true when the request was a preflight, which it answered. */
    private boolean api(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.putHeader("Referrer-Policy", "no-referrer");
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        response.headers().add(HttpHeaders.VARY, "Origin");
        String preflightMethod = context.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        boolean preflight = context.request().method() == HttpMethod.OPTIONS && preflightMethod != null;
        String method = preflight ? preflightMethod.toUpperCase() : context.request().method().name();
        boolean allowed = READS.contains(method) || writeOrigins.contains(origin);
        if (allowed) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, READS.contains(method) ? "*" : origin);
            response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        if (preflight) {
            if (allowed) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        writeOrigins.contains(origin) ? "GET, HEAD, POST, PATCH, DELETE" : "GET, HEAD");
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
                response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
            }
            // A refused preflight is answered without CORS headers: the browser then blocks the real request.
            response.setStatusCode(204).end();
            return true;
        }
        return false;
    }
}

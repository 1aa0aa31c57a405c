package dev.byline.article;

import dev.byline.security.RateLimits;
import dev.byline.web.Gzip;
import dev.byline.web.Representations;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Answers sent from the router, before JAX-RS, for representations this instance keeps in memory (a public article,
 * a feed): the same status, validators, caching headers and rate limit the resource would send, and nothing else.
 * A route uses it only for anonymous reads ({@link #anonymousRead}); anything it cannot answer goes on to JAX-RS.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class MemoryAnswers {

    private final RateLimits limits;

    public MemoryAnswers(RateLimits limits) {
        this.limits = limits;
    }

    /** A representation kept in memory: its validators and how to send it. {@code gzip} may be null. */
    public record Kept(String tag, Instant lastModified, String contentType, String cacheControl, String vary,
            Supplier<byte[]> identity, Supplier<byte[]> gzip) {
    }

    /**
     * Whether the request is a read everybody without credentials gets the same answer to: GET or HEAD, no
     * credentials, no precondition but If-None-Match (If-Modified-Since only beside it, since If-None-Match then
     * decides, RFC 9110 §13.2.2), no trailing slash.
     */
    public static boolean anonymousRead(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader("X-API-Key") == null
                && request.getHeader(HttpHeaders.IF_MATCH) == null
                && (request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
                        || request.getHeader(HttpHeaders.IF_NONE_MATCH) != null)
                && request.getHeader("If-Unmodified-Since") == null
                && !request.path().endsWith("/");
    }

    /**
     * Sends {@code kept} (a 304 when If-None-Match names it), counted against the caller's anonymous rate limit.
     * Returns false, having sent nothing and taken nothing, when the limit is reached: the caller then hands the
     * request to JAX-RS, which answers the 429 problem.
     */
    public boolean send(RoutingContext context, Kept kept) {
        RateLimits.Applied applied = take(context.request());
        if (applied != null && !applied.decision().allowed()) {
            return false;
        }
        send(context, kept, applied);
        return true;
    }

    /**
     * Takes one request from the anonymous bucket of the caller's address before work that is worth limiting (a
     * read from the database); null when rate limits are off. A refused request took nothing.
     */
    public RateLimits.Applied take(HttpServerRequest request) {
        return limits.enabled() ? limits.anonymous(request) : null;
    }

    /** Gives back what {@link #take} took, for a request handed on to JAX-RS, which counts it again. */
    public void release(RateLimits.Applied applied) {
        if (applied != null) {
            limits.release(applied);
        }
    }

    /** Sends {@code kept} for a request whose rate limit {@link #take} allowed (null when limits are off). */
    public void send(RoutingContext context, Kept kept, RateLimits.Applied applied) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        boolean notModified = Representations.noneMatch(ifNoneMatch, kept.tag());
        if (applied != null) {
            limits.settle(applied, notModified ? 304 : 200, ifNoneMatch);
            limits.headers(applied).forEach(response::putHeader);
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, kept.cacheControl())
                .putHeader(HttpHeaders.ETAG, "\"" + kept.tag() + "\"");
        // Added, not set: the browser policy's "Vary: Origin" (a request from a page) stays, as JAX-RS keeps it.
        response.headers().add(HttpHeaders.VARY, kept.vary());
        if (kept.lastModified() != null) {
            response.putHeader(HttpHeaders.LAST_MODIFIED, httpDate(kept.lastModified()));
        }
        if (notModified) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, kept.contentType());
        boolean head = request.method() == HttpMethod.HEAD;
        if (kept.gzip() != null && request.version() != HttpVersion.HTTP_2
                && Gzip.accepted(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            // Already compressed: over HTTP/1.1 the server's own compressor leaves a response with a Content-Encoding
            // alone (over HTTP/2 it would read the header as an order to compress, so there it compresses itself).
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            end(response, head, kept.gzip().get());
        } else {
            end(response, head, kept.identity().get());
        }
    }

    private static void end(HttpServerResponse response, boolean head, byte[] body) {
        if (head) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length)).end();
        } else {
            // Wrapped, not copied (Buffer.buffer(byte[]) copies): nothing writes to a body once it is made.
            response.end(Buffer.buffer(Unpooled.wrappedBuffer(body)));
        }
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}

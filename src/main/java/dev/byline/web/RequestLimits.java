package dev.byline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Enforces {@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size} with the problem+json 414
 * and 431 the contract documents, instead of the empty responses of the HTTP codec.
 *
 * <p>Vert.x refuses an over-long request line or header block while parsing it, before any route runs, and Quarkus
 * 3.33 gives no hook to shape that answer (it never sets {@code HttpServer.invalidRequestHandler}). So the codec is
 * given {@value #CODEC_HEADROOM} times the configured limits, and this route, which runs just after
 * {@link BrowserPolicy} has added the headers every API response carries, refuses what exceeds the limits
 * themselves. Only a request several times over a limit, or one the codec cannot parse at all (a control character
 * in a header, a malformed request line), still meets Vert.x's empty 400, 414 or 431.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class RequestLimits implements HttpServerOptionsCustomizer {

    /** How much larger than the configured limits the HTTP codec's own limits are. */
    static final int CODEC_HEADROOM = 4;
    /** " HTTP/1.1" and the space after the method, as the codec counts the line. */
    private static final int REQUEST_LINE_OVERHEAD = 10;
    /** ": " between a header's name and value and the line end after it. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final int maxRequestLine;
    private final long maxHeaders;
    private final ObjectMapper mapper;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-initial-line-length") int maxRequestLine,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size") MemorySize maxHeaders, ObjectMapper mapper) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaders = maxHeaders.asLongValue();
        this.mapper = mapper;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        giveTheCodecHeadroom(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        giveTheCodecHeadroom(options);
    }

    private void giveTheCodecHeadroom(HttpServerOptions options) {
        options.setMaxInitialLineLength(maxRequestLine * CODEC_HEADROOM);
        options.setMaxHeaderSize((int) Math.min(Integer.MAX_VALUE, maxHeaders * CODEC_HEADROOM));
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.REQUEST_LIMITS).handler(this::check);
    }

    /** Whether the request line and headers are within the limits (a route answering early checks this first). */
    public boolean within(HttpServerRequest request) {
        return requestLine(request) <= maxRequestLine && headerBytes(request) <= maxHeaders;
    }

    private static long requestLine(HttpServerRequest request) {
        return request.method().name().length() + (long) request.uri().length() + REQUEST_LINE_OVERHEAD;
    }

    private static long headerBytes(HttpServerRequest request) {
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        return headers;
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long line = requestLine(request);
        if (line > maxRequestLine) {
            Problems.send(context, mapper, ProblemType.URI_TOO_LONG, "The request line is " + line
                    + " bytes long; this service accepts up to " + maxRequestLine + ". Shorten the query.", false);
            return;
        }
        long headers = headerBytes(request);
        if (headers > maxHeaders) {
            Problems.send(context, mapper, ProblemType.HEADERS_TOO_LARGE, "The request headers take " + headers
                    + " bytes; this service accepts up to " + maxHeaders + ".", false);
            return;
        }
        context.next();
    }
}

package dev.byline.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code Content-Encoding} only with a body that was encoded, and compresses every response of a listed media
 * type, whichever route made it.
 *
 * <p>With compression on, Quarkus marks every response {@code identity} and lifts the mark, at the end of the
 * headers, for the media types in {@code quarkus.http.compress-media-types}; Vert.x then compresses what is unmarked
 * (per Accept-Encoding) and drops a remaining mark when it writes a body. Two gaps are closed here:
 * <ul>
 * <li>a response without a body (a 304, a 204, any answer to HEAD) went out still marked {@code identity}, which RFC
 * 9110 §8.4.1 asks servers not to send (identity means no encoding, and belongs in Accept-Encoding only), and which
 * a cache that updates its stored headers from a 304 would apply to the gzipped copy it keeps;</li>
 * <li>Quarkus lifts the mark only on its application routes, so the contract at {@code /q/openapi} stayed
 * uncompressed.</li>
 * </ul>
 * Over HTTP/1.1 bodiless responses then carry no Content-Encoding. Over HTTP/2, Vert.x names the coding it negotiated
 * from Accept-Encoding on every response that has none, so a 304 or HEAD says what the 200 would.
 */
@ApplicationScoped
public class ContentCoding {

    private final Set<String> compressed;

    public ContentCoding(@ConfigProperty(name = "quarkus.http.compress-media-types") List<String> compressed) {
        this.compressed = compressed.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CONTENT_CODING).handler(context -> {
            context.addHeadersEndHandler(ignored -> settle(context));
            context.next();
        });
    }

    private void settle(RoutingContext context) {
        HttpServerResponse response = context.response();
        String coding = response.headers().get(HttpHeaders.CONTENT_ENCODING);
        if (coding == null) {
            return;
        }
        int status = response.getStatusCode();
        boolean identity = "identity".equalsIgnoreCase(coding);
        if (status == 204 || status == 304 || status < 200
                || identity && (context.request().method() == HttpMethod.HEAD || compressible(response))) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
    }

    private boolean compressible(HttpServerResponse response) {
        String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        int parameters = type.indexOf(';');
        return compressed.contains((parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT));
    }
}

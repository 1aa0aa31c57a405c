package dev.byline.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends {@code Content-Encoding} only with a body that was encoded. With compression on, Quarkus marks every response
 * {@code identity} until it knows the body may be compressed, and Vert.x removes the mark when it writes a body; a
 * response without one (a 304, a 204, any answer to HEAD) went out still carrying it, which RFC 9110 §8.4.1 asks
 * servers not to send (identity means no encoding, and belongs in Accept-Encoding only), and which a cache that
 * updates its stored headers from a 304 would apply to the gzipped copy it keeps.
 *
 * <p>Over HTTP/1.1 these responses then carry no Content-Encoding. Over HTTP/2, Vert.x names the coding it
 * negotiated from Accept-Encoding on every response that has none, so a 304 or HEAD says what the 200 would.
 */
@ApplicationScoped
public class ContentCoding {

    void register(@Observes Router router) {
        router.route().order(-200).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                HttpServerResponse response = context.response();
                int status = response.getStatusCode();
                String coding = response.headers().get(HttpHeaders.CONTENT_ENCODING);
                if (coding == null) {
                    return;
                }
                if (status == 204 || status == 304 || status < 200 || context.request().method() == HttpMethod.HEAD
                        && "identity".equalsIgnoreCase(coding)) {
                    response.headers().remove(HttpHeaders.CONTENT_ENCODING);
                }
            });
            context.next();
        });
    }
}

package dev.byline.web;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a URL that carries a NUL character ({@code %00}) in its path or in a query parameter, before any resource
 * sees it: PostgreSQL cannot store or even compare such a string, so it would otherwise fail deep inside a query.
 */
public class NulRefusal {

    private static final String NUL = "%00";
    private static final String MESSAGE = "must not contain a NUL character (%00)";

    @ServerRequestFilter(preMatching = true)
    public void refuseNul(HttpServerRequest request) {
        // The raw path and query as received, without building a URI for it on every request.
        String path = request.path();
        if (path != null && path.contains(NUL)) {
            for (String segment : path.split("/")) {
                if (segment.contains(NUL)) {
                    throw ProblemException.invalid("path", segment, MESSAGE);
                }
            }
        }
        String query = request.query();
        if (query == null || !query.contains(NUL)) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.contains(NUL)) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                throw ProblemException.invalidQuery(name.contains(NUL) ? "(a parameter name)" : name, MESSAGE);
            }
        }
    }
}

package dev.byline.web;

import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a number or a choice sent empty ({@code limit=}, {@code sort=}) with a 400 naming the parameter.
 *
 * <p>Quarkus REST hands an empty query value to a resource as if the parameter were absent, so {@code limit=} would
 * silently be the default: what a client with an unset variable sends, never what it means. The raw query is read
 * here, once, before any resource sees it. The names are every query parameter the contract types as an integer or
 * an enumeration; {@code ContractParametersTest} fails when the contract gains one that is missing here.
 */
public class EmptyParameterRefusal {

    static final Set<String> NUMBERS_AND_CHOICES = Set.of("limit", "replies", "wait", "sort", "status", "format",
            "targetType");

    @ServerRequestFilter(preMatching = true)
    public void refuseEmptyValues(HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if ((equals < 0 || equals == pair.length() - 1) && NUMBERS_AND_CHOICES.contains(name)) {
                throw ProblemException.invalidQuery(name, "must not be empty; leave it out to get its default");
            }
        }
    }
}

package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Problem+json answers written by Vert.x routes, for what is refused before JAX-RS sees the request (and so before
 * {@link ProblemMapper} can): a request line, headers or body over the limits, a body that does not arrive.
 */
final class RouteProblems {

    private RouteProblems() {
    }

    /** Answers with {@code type}; with {@code close}, the connection is closed once the answer is out. */
    static void send(RoutingContext context, ObjectMapper mapper, ProblemType type, String detail, boolean close) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, context.request().path(), List.of());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        HttpServerResponse response = context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON.toString())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (close) {
            // What is left of the request is not read: closing is the only way to be done with it.
            response.putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }
}

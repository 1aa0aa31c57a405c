package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.web.Problem.FieldError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds every problem+json answer, whoever writes it: the exception mappers ({@link ProblemMapper},
 * {@link JsonProblems}) and the Vert.x routes that refuse a request before JAX-RS sees it ({@link BodySizeLimit},
 * {@link RequestLimits}). One status, media type and {@code Cache-Control} for them all.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    /** RFC 9457 §4.2.1: the problem is what its HTTP status says, nothing more. */
    public static final String ABOUT_BLANK = "about:blank";
    /** An error describes one request: no cache may keep it. */
    private static final String CACHE_CONTROL = "no-store";

    private Problems() {
    }

    /** The problem of {@code type} that happened at {@code instance} (a raw path, or null when there is none). */
    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    /**
     * The problem of an HTTP status Byline has no {@link ProblemType} for: RFC 9457's {@code about:blank}, which means
     * no more than the status itself, titled with the status's name (§4.2.1), e.g. 501 "Not Implemented".
     */
    public static Problem ofStatus(int status, String instance) {
        String title = title(status);
        return new Problem(ABOUT_BLANK, title, status, title + ".", instance, List.of());
    }

    /** The response for an exception mapper, open for more headers. */
    static Response.ResponseBuilder response(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        return response(type.status(), of(type, detail, instance(uri), errors));
    }

    /** The response for an exception mapper that has only an HTTP status to go by ({@link #ofStatus}). */
    static Response.ResponseBuilder response(int status, UriInfo uri) {
        return response(status, ofStatus(status, instance(uri)));
    }

    private static Response.ResponseBuilder response(int status, Problem problem) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .entity(problem);
    }

    private static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** The status's reason phrase as RFC 9110 names it, or its class when it has none. */
    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status >= 500 ? "Server error" : "Client error";
    }

    /**
     * Answers a Vert.x route's request with {@code type}; with {@code close}, the connection is closed once the
     * answer is out.
     */
    static void send(RoutingContext context, ObjectMapper mapper, ProblemType type, String detail, boolean close) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(of(type, detail, context.request().path(), List.of()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        HttpServerResponse response = context.response()
                .setStatusCode(type.status())
                .putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, PROBLEM_JSON.toString())
                .putHeader(io.vertx.core.http.HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (close) {
            // What is left of the request is not read: closing is the only way to be done with it.
            response.putHeader(io.vertx.core.http.HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }
}

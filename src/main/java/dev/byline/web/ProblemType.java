package dev.byline.web;

import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;

/** The kinds of problem Byline reports; each has a stable type URI documented in openapi.yaml. */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", Status.BAD_REQUEST),
    MALFORMED("malformed-request", "The request body could not be read", Status.BAD_REQUEST),
    BAD_CURSOR("invalid-cursor", "The cursor is not valid for this query", Status.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "You may not do this", Status.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", Status.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", Status.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", Status.NOT_ACCEPTABLE),
    CONFLICT("conflict", "The request conflicts with the current state", Status.CONFLICT),
    GONE("gone", "Gone", Status.GONE),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed", Status.PRECONDITION_FAILED),
    REQUEST_TIMEOUT("request-timeout", "The request body did not arrive in time", Status.REQUEST_TIMEOUT),
    TOO_LARGE("payload-too-large", "The request body is too large", Status.REQUEST_ENTITY_TOO_LARGE),
    EXPECTATION_FAILED("expectation-failed", "The expectation cannot be met", Status.EXPECTATION_FAILED),
    URI_TOO_LONG("uri-too-long", "The request line is too long", Status.REQUEST_URI_TOO_LONG),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", Status.UNSUPPORTED_MEDIA_TYPE),
    PRECONDITION_REQUIRED("precondition-required", "If-Match is required", 428),
    TOO_MANY_REQUESTS("rate-limited", "Too many requests", Status.TOO_MANY_REQUESTS),
    HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", 431),
    INTERNAL("internal", "Internal error", Status.INTERNAL_SERVER_ERROR),
    UNAVAILABLE("unavailable", "Service unavailable", Status.SERVICE_UNAVAILABLE);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, Status status) {
        this(slug, title, status.getStatusCode());
    }

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** A relative URI reference (RFC 9457 §3.1.1), resolved against the API's own address. */
    public String uri() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /**
     * The kind of problem an HTTP status the framework answered with stands for; empty when Byline has none for it
     * (a 501, say), and {@link Problems} then answers with {@code about:blank}.
     */
    public static Optional<ProblemType> forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED && type != BAD_CURSOR) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

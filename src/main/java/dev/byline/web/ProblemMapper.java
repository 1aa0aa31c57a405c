package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.byline.web.Problem.FieldError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where failures of HTTP, security, validation and persistence become RFC 9457 problem+json responses
 * ({@link JsonProblems} does the same for bodies Jackson cannot read; both build them with {@link Problems}).
 *
 * <p>Messages are written here, never copied from exceptions that could carry class names, SQL or stack traces.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final AllowedMethods allowedMethods;

    public ProblemMapper(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Problems.response(e.type(), e.getMessage(), e.errors(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError("body", InputValidator.fieldName(v.getPropertyPath(), 2), v.getMessage()))
                .sorted(InputValidator.BY_FIELD)
                .toList();
        return Problems.response(ProblemType.VALIDATION, InputValidator.summary(errors), errors, uri).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(ProblemType.FORBIDDEN, "Your API key does not have a role that may do this.",
                List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri) {
        return concurrentEdit(uri);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return concurrentEdit(uri);
    }

    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        // A race between two writers that both passed the service's checks; the database had the last word.
        LOG.debugf("Constraint %s rejected a write", e.getConstraintName());
        return Problems.response(ProblemType.CONFLICT,
                "The request conflicts with a change made at the same time; try again.", List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        // Quarkus REST rethrows Jackson's mismatched-input errors but wraps the others (bad JSON syntax, a value an enum
        // refuses) in a bare 400; unwrap them so that the problem names what was wrong.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return JsonProblems.unreadable(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && uri != null && !allowedMethods.on(uri.getPath()).isEmpty()) {
            // Quarkus REST answers 404 when the path is served but not with this method, if another resource class
            // shares the path's beginning (PUT /articles/{id}/comments): RFC 9110 §15.5.6 says 405.
            status = 405;
        }
        if (status < 400) {
            return e.getResponse(); // a redirect or a 304 thrown as an exception is an answer, not a problem
        }
        Optional<ProblemType> type = ProblemType.forStatus(status);
        if (type.isEmpty()) {
            LOG.debugf("Answered %d, a status without a problem type of its own, to %s", status, uri.getPath());
            return Problems.response(status, uri).build();
        }
        String detail = switch (status) {
            case 404 -> "There is nothing at " + uri.getRequestUri().getRawPath() + ".";
            case 405 -> "This resource does not support that method; it allows "
                    + String.join(", ", allowed(e, uri)) + ".";
            case 406 -> "This resource cannot produce any of the media types in Accept: "
                    + headers.getHeaderString(HttpHeaders.ACCEPT) + ".";
            case 415 -> "This resource does not accept Content-Type " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE)
                    + (e instanceof NotSupportedException ? "; send application/json." : ".");
            case 413 -> "The request body is larger than this service accepts.";
            default -> type.get().title() + ".";
        };
        Response.ResponseBuilder response = Problems.response(type.get(), detail, List.of(), uri);
        if (status == 405) {
            response.header(HttpHeaders.ALLOW, String.join(", ", allowed(e, uri)));
        }
        return response.build();
    }

    /** The last resort: log the failure with an id the operator can search for, tell the client nothing more. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (DatabaseBusy.causes(e)) {
            // Every connection of the pool stayed in use for the whole acquisition timeout: overload, not a fault.
            LOG.warnf("No database connection became free in time for %s", uri == null ? "a request" : uri.getPath());
            return Problems.response(ProblemType.UNAVAILABLE, "The service is busy; retry in "
                    + DatabaseBusy.RETRY_AFTER_SECONDS + " s.", List.of(), uri)
                    .header("Retry-After", String.valueOf(DatabaseBusy.RETRY_AFTER_SECONDS)).build();
        }
        if (lostARace(e)) {
            // Two writes to one row at once: the other committed first, so this one's version check failed at commit.
            boolean conditional = headers.getHeaderString(HttpHeaders.IF_MATCH) != null;
            return Problems.response(conditional ? ProblemType.PRECONDITION_FAILED : ProblemType.CONFLICT,
                    "Another request changed or deleted this resource while yours was being applied; nothing of yours "
                            + "was stored. Fetch it again and retry if your change still applies.", List.of(), uri)
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, uri == null ? "?" : uri.getRequestUri().getRawPath());
        return Problems.response(ProblemType.INTERNAL, "Something went wrong on our side. Incident " + incident
                + " has been logged.", List.of(), uri).build();
    }

    /** An optimistic-lock failure, however deep the transaction manager wrapped it. */
    private static boolean lostARace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthenticated(UriInfo uri) {
        return Problems.response(ProblemType.UNAUTHENTICATED,
                "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", List.of(), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"byline\"")
                .build();
    }

    private static Response concurrentEdit(UriInfo uri) {
        return Problems.response(ProblemType.PRECONDITION_FAILED,
                "Someone else changed this resource at the same time; fetch it again and reapply your change.",
                List.of(), uri).build();
    }

    private List<String> allowed(WebApplicationException e, UriInfo uri) {
        if (!e.getResponse().getAllowedMethods().isEmpty()) {
            return e.getResponse().getAllowedMethods().stream().sorted().toList();
        }
        // Quarkus REST throws its 405 without an Allow header.
        return allowedMethods.on(uri.getPath());
    }
}

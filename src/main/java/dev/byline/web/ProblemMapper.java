package dev.byline.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.byline.web.Problem.FieldError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problem+json responses.
 *
 * <p>Messages are written here, never copied from exceptions that could carry class names, SQL or stack traces.
 */
public class ProblemMapper {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final Pattern JACKSON_INTERNALS =
            Pattern.compile("\\s*(?:\\(start marker at|\\(not recognized as one since|\\[Source:|: enable `|`).*$");

    private final AllowedMethods allowedMethods;

    public ProblemMapper(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.type(), e.getMessage(), e.errors(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError("body", InputValidator.fieldName(v.getPropertyPath(), 2), v.getMessage()))
                .sorted(InputValidator.BY_FIELD)
                .toList();
        return respond(ProblemType.VALIDATION, InputValidator.summary(errors), errors, uri).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(ProblemType.MALFORMED, "The body is not valid JSON" + where + ": " + syntaxError(e.getOriginalMessage()),
                List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        String message = "unknown field" + known;
        return respond(ProblemType.VALIDATION, "Unknown field '" + field + "'" + known,
                List.of(new FieldError("body", field, message)), uri).build();
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidInstance(ValueInstantiationException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        return unreadable(e, uri);
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
        return respond(ProblemType.FORBIDDEN, "Your API key does not have a role that may do this.", List.of(), uri).build();
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
        return respond(ProblemType.CONFLICT, "The request conflicts with a change made at the same time; try again.",
                List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        // Quarkus REST rethrows Jackson's mismatched-input errors but wraps the others (bad JSON syntax, a value an enum
        // refuses) in a bare 400; unwrap them so that the problem names what was wrong.
        if (e.getCause() instanceof JsonParseException syntax) {
            return unreadableJson(syntax, uri);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && uri != null && !allowedMethods.on(uri.getPath()).isEmpty()) {
            // Quarkus REST answers 404 when the path is served but not with this method, if another resource class
            // shares the path's beginning (PUT /articles/{id}/comments): RFC 9110 §15.5.6 says 405.
            status = 405;
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps Jackson's syntax and value-creation errors in a bare 400; report them like the rest.
            return unreadable(json, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "There is nothing at " + uri.getRequestUri().getRawPath() + ".";
            case 405 -> "This resource does not support that method; it allows "
                    + String.join(", ", allowed(e, uri)) + ".";
            case 406 -> "This resource cannot produce any of the media types in Accept: "
                    + headers.getHeaderString(HttpHeaders.ACCEPT) + ".";
            case 415 -> "This resource does not accept Content-Type " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE)
                    + (e instanceof NotSupportedException ? "; send application/json." : ".");
            case 413 -> "The request body is larger than this service accepts.";
            default -> type.title() + ".";
        };
        Response.ResponseBuilder response = respond(status == type.status() ? type : ProblemType.forStatus(status), detail,
                List.of(), uri).status(status);
        if (status == 405) {
            response.header(HttpHeaders.ALLOW, String.join(", ", allowed(e, uri)));
        }
        return response.build();
    }

    /** The last resort: log the failure with an id the operator can search for, tell the client nothing more. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (e instanceof WebApplicationException wae) {
            return http(wae, uri, null);
        }
        if (DatabaseBusy.causes(e)) {
            // Every connection of the pool stayed in use for the whole acquisition timeout: overload, not a fault.
            LOG.warnf("No database connection became free in time for %s", uri == null ? "a request" : uri.getPath());
            return respond(ProblemType.UNAVAILABLE, "The service is busy; retry in " + DatabaseBusy.RETRY_AFTER_SECONDS
                    + " s.", List.of(), uri).header("Retry-After", String.valueOf(DatabaseBusy.RETRY_AFTER_SECONDS)).build();
        }
        if (lostARace(e)) {
            // Two writes to one row at once: the other committed first, so this one's version check failed at commit.
            boolean conditional = headers.getHeaderString(HttpHeaders.IF_MATCH) != null;
            return respond(conditional ? ProblemType.PRECONDITION_FAILED : ProblemType.CONFLICT,
                    "Another request changed or deleted this resource while yours was being applied; nothing of yours "
                            + "was stored. Fetch it again and retry if your change still applies.", List.of(), uri).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, uri == null ? "?" : uri.getRequestUri().getRawPath());
        return respond(ProblemType.INTERNAL, "Something went wrong on our side. Incident " + incident
                + " has been logged.", List.of(), uri).build();
    }

    /** An optimistic-lock failure, however deep the transaction manager wrapped it. */
    private static boolean lostARace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private Response unreadable(JsonProcessingException e, UriInfo uri) {
        JsonProcessingException cause = e;
        // A syntax error met inside a value (bad UTF-8, a raw control character) comes wrapped in a mapping error
        // naming the field; it is the syntax that the client must fix.
        while (cause instanceof JsonMappingException && cause.getCause() instanceof JsonProcessingException inner) {
            cause = inner;
        }
        if (cause instanceof JsonParseException parse) {
            return unreadableJson(parse, uri);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (cause instanceof JsonMappingException mapping) {
            return wrongType(mapping, uri);
        }
        // Stream constraints (nesting depth, number or string length): their messages name Jackson's settings.
        return respond(ProblemType.MALFORMED, "The body is not valid JSON, or is nested too deeply to read.", List.of(), uri)
                .build();
    }

    private Response wrongType(JsonMappingException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        // Jackson has no exception type of its own for FAIL_ON_TRAILING_TOKENS, only this message.
        if (field.isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return respond(ProblemType.MALFORMED, "The body continues after its JSON value; send a single JSON object.",
                    List.of(), uri).build();
        }
        String message;
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            message = invalid.getOriginalMessage();
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && Temporal.class.isAssignableFrom(invalid.getTargetType())
                && Timestamps.RANGE_MESSAGE.equals(invalid.getOriginalMessage())) {
            message = Timestamps.RANGE_MESSAGE;
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            message = "must be one of: " + enumValues(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + jsonType(mismatched.getTargetType());
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            message = cause.getMessage();
        } else {
            message = "has a value of the wrong type";
        }
        if (field.isEmpty()) {
            return respond(ProblemType.MALFORMED, "The body " + message + ".", List.of(), uri).build();
        }
        return respond(ProblemType.VALIDATION, "Field '" + field + "' " + message + ".",
                List.of(new FieldError("body", field, message)), uri).build();
    }

    private static Response unauthenticated(UriInfo uri) {
        return respond(ProblemType.UNAUTHENTICATED,
                "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", List.of(), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"byline\"")
                .build();
    }

    private static Response concurrentEdit(UriInfo uri) {
        return respond(ProblemType.PRECONDITION_FAILED,
                "Someone else changed this resource at the same time; fetch it again and reapply your change.",
                List.of(), uri).build();
    }

    static Response.ResponseBuilder respond(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return Response.status(type.status())
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new Problem(type.uri(), type.title(), type.status(), detail, instance, errors));
    }

    private List<String> allowed(WebApplicationException e, UriInfo uri) {
        if (!e.getResponse().getAllowedMethods().isEmpty()) {
            return e.getResponse().getAllowedMethods().stream().sorted().toList();
        }
        // Quarkus REST throws its 405 without an Allow header.
        return allowedMethods.on(uri.getPath());
    }

    private static String enumValues(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time string such as 2026-11-28T09:30:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }

    /**
     * Jackson's description of a syntax error, without the tail that speaks of Jackson itself: where the open object
     * started ("[Source: REDACTED (`StreamReadFeature…` disabled)…") or which parser feature would have allowed it.
     */
    private static String syntaxError(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return JACKSON_INTERNALS.matcher(line).replaceFirst("");
    }
}

package dev.byline.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.byline.web.Problem.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problems with a JSON body that Jackson could not read: bad syntax (400 malformed-request, with line and column),
 * an unknown field or a value of the wrong type (400 validation, naming the field). Details are written here from
 * what Jackson found, never copied from its messages, which name Java types and Jackson's own settings.
 */
public class JsonProblems {

    private static final Pattern JACKSON_INTERNALS =
            Pattern.compile("\\s*(?:\\(start marker at|\\(not recognized as one since|\\[Source:|: enable `|`).*$");

    // One mapper per exception type that Quarkus REST's Jackson support maps itself (a mapper for the nearest type
    // wins), all to the same judgement.

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidInstance(ValueInstantiationException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** The problem with a body Jackson failed on, whichever of its exceptions said so. */
    static Response unreadable(JsonProcessingException e, UriInfo uri) {
        JsonProcessingException cause = e;
        // A syntax error met inside a value (bad UTF-8, a raw control character) comes wrapped in a mapping error
        // naming the field; it is the syntax that the client must fix.
        while (cause instanceof JsonMappingException && cause.getCause() instanceof JsonProcessingException inner) {
            cause = inner;
        }
        if (cause instanceof JsonParseException parse) {
            return syntax(parse, uri);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return unknown(unknown, uri);
        }
        if (cause instanceof JsonMappingException mapping) {
            return wrongType(mapping, uri);
        }
        // Stream constraints (nesting depth, number or string length): their messages name Jackson's settings.
        return Problems.response(ProblemType.MALFORMED, "The body is not valid JSON, or is nested too deeply to read.",
                List.of(), uri).build();
    }

    private static Response syntax(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problems.response(ProblemType.MALFORMED,
                "The body is not valid JSON" + where + ": " + syntaxError(e.getOriginalMessage()), List.of(), uri)
                .build();
    }

    private static Response unknown(UnrecognizedPropertyException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        String message = "unknown field" + known;
        return Problems.response(ProblemType.VALIDATION, "Unknown field '" + field + "'" + known,
                List.of(new FieldError("body", field, message)), uri).build();
    }

    private static Response wrongType(JsonMappingException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        // Jackson has no exception type of its own for FAIL_ON_TRAILING_TOKENS, only this message.
        if (field.isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return Problems.response(ProblemType.MALFORMED,
                    "The body continues after its JSON value; send a single JSON object.", List.of(), uri).build();
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
            return Problems.response(ProblemType.MALFORMED, "The body " + message + ".", List.of(), uri).build();
        }
        return Problems.response(ProblemType.VALIDATION, "Field '" + field + "' " + message + ".",
                List.of(new FieldError("body", field, message)), uri).build();
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** What a value of {@code type} looks like in JSON. */
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

package dev.byline.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.byline.web.Problem.FieldError;
import java.util.List;
import java.util.Map;

/** Thrown by services to answer with a problem+json response; the message is the problem's detail. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.headers = headers;
    }

    public static ProblemException invalid(String in, String field, String message) {
        String where = switch (in) {
            case "query" -> "Query parameter '";
            case "header" -> "Header '";
            case "path" -> "Path parameter '";
            default -> "Field '";
        };
        return new ProblemException(ProblemType.VALIDATION, where + field + "' " + message + ".",
                List.of(new FieldError(in, field, message)), Map.of());
    }

    public static ProblemException invalidBody(String field, String message) {
        return invalid("body", field, message);
    }

    public static ProblemException invalidQuery(String field, String message) {
        return invalid("query", field, message);
    }

    /**
     * A value Jackson refused while reading a body, named by its path ({@code citedSources[1].role}). Only Byline's own
     * readers' messages are repeated (text and times, see JsonSetup and Timestamps); Jackson's name Java types.
     */
    public static ProblemException invalidJson(JsonMappingException e) {
        boolean ours = e instanceof InvalidFormatException invalid && (invalid.getTargetType() == String.class
                || Timestamps.RANGE_MESSAGE.equals(invalid.getOriginalMessage()));
        return invalidBody(JsonPaths.of(e.getPath()), ours ? e.getOriginalMessage() : "has a value that is not allowed");
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

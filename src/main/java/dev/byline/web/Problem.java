package dev.byline.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One invalid part of a request: where it was ({@code body}, {@code query}, {@code path}, {@code header}), which field, and why. */
    public record FieldError(String in, String field, String message) {
    }
}

package dev.byline.comment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Size;

/**
 * A new comment. {@code website} is a honeypot: hidden from people by the form, filled in by bots.
 *
 * <p>{@code status}, {@code path} and {@code depth} are decided by the service; a client that sends them (a forged
 * "approved", a path into another thread) is ignored rather than refused, so copying a comment back does not fail.
 * Every other unknown field is still an error, as everywhere in the API.
 */
@JsonIgnoreProperties(value = {"status", "path", "depth"}, allowSetters = false)
public record CommentInput(
        @Size(max = 200) String authorName,
        @Size(max = 254) String authorEmail,
        @Size(max = 20_000) String body,
        String parentId,
        @Size(max = 500) String website) {
}

package dev.byline.comment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Size;

/** The author's edit of a comment's body, within the edit window. */
@JsonIgnoreProperties({"status", "path", "depth"})
public record CommentEdit(@Size(max = 20_000) String body) {
}

package dev.byline.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A reader's report of a comment, saying what is wrong with it. */
public record ReportInput(@NotBlank @Size(max = 1000) String reason) {
}

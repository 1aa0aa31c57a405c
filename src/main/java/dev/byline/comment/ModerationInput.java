package dev.byline.comment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A moderator's decision on a comment; the reason is shown to its author. */
public record ModerationInput(
        @NotNull @Pattern(regexp = "approve|reject|spam", message = "must be one of approve, reject, spam") String action,
        @Size(max = 1000) String reason) {

    CommentStatus target() {
        return switch (action) {
            case "approve" -> CommentStatus.APPROVED;
            case "reject" -> CommentStatus.REJECTED;
            default -> CommentStatus.SPAM;
        };
    }
}

package dev.byline.comment;

import dev.byline.audit.AuditSubject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** Comment settings of one article: open or closed, pre- or post-moderated. */
public final class CommentSettings {

    private CommentSettings() {
    }

    /** What a moderator sets; a null moderation goes back to the configured default. */
    public record Input(@NotNull Boolean commentsOpen,
            @Pattern(regexp = "pre|post", message = "must be pre or post") String moderation) {
    }

    /** The settings in force, with where the moderation mode comes from. */
    public record View(UUID id, boolean commentsOpen, String moderation, boolean moderationIsDefault)
            implements AuditSubject {

        @Override
        public String auditId() {
            return id.toString();
        }
    }
}

package dev.byline.comment;

import dev.byline.audit.AuditSubject;
import java.time.Instant;
import java.util.UUID;

/** A comment as moderators see it in the queue: with the author's e-mail, why it waits, and how often it was reported. */
public record ModerationItem(
        UUID id,
        UUID articleId,
        UUID parentId,
        int depth,
        String authorName,
        String authorEmail,
        String bodyText,
        String bodyHtml,
        String status,
        String heldFor,
        int reportCount,
        String moderationReason,
        Instant moderatedAt,
        Instant createdAt,
        Instant editedAt,
        int replyCount) implements AuditSubject {

    @Override
    public String auditId() {
        return id.toString();
    }

    static ModerationItem from(Comment c) {
        return new ModerationItem(c.id, c.articleId, c.parentId, c.depth, c.authorName, c.authorEmail, c.bodyText, c.bodyHtml,
                c.status.toString(), c.heldFor, c.reportCount, c.moderationReason, c.moderatedAt, c.createdAt, c.editedAt,
                c.replyCount);
    }
}

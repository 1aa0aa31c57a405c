package dev.byline.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A comment as its caller may see it. Never an e-mail address, a client address or a hash of either.
 *
 * <p>The public sees approved comments and placeholders ({@code deleted}, {@code removed}) of hidden comments that
 * still hold replies; the author (with the edit token) and moderators see the real status and the moderator's reason.
 * Top-level comments in a thread page carry their first replies and a cursor for the rest; a new comment carries
 * its edit token, once.
 */
public record CommentView(
        UUID id,
        UUID parentId,
        int depth,
        String authorName,
        String bodyText,
        String bodyHtml,
        Instant createdAt,
        Instant editedAt,
        String status,
        int replyCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) String moderationReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CommentView> replies,
        @JsonInclude(JsonInclude.Include.NON_NULL) String repliesNext,
        @JsonInclude(JsonInclude.Include.NON_NULL) String editToken) {

    static final String DELETED = "deleted";
    static final String REMOVED = "removed";

    /** The public view: approved as is, anything else as a placeholder without author or body. */
    static CommentView publicOf(UUID id, UUID parentId, int depth, CommentStatus status, String authorName, String bodyText,
            String bodyHtml, Instant createdAt, Instant editedAt, int replyCount) {
        if (status == CommentStatus.APPROVED) {
            return new CommentView(id, parentId, depth, authorName, bodyText, bodyHtml, createdAt, editedAt, status.toString(),
                    replyCount, null, null, null, null);
        }
        String placeholder = status == CommentStatus.DELETED ? DELETED : REMOVED;
        return new CommentView(id, parentId, depth, null, "[" + placeholder + "]", "<p>[" + placeholder + "]</p>",
                createdAt, null, placeholder, replyCount, null, null, null, null);
    }

    static CommentView publicOf(Comment c) {
        return publicOf(c.id, c.parentId, c.depth, c.status, c.authorName, c.bodyText, c.bodyHtml, c.createdAt, c.editedAt,
                c.replyCount);
    }

    /** The author's or a moderator's view: the real status and the reason for it; a deleted comment stays a placeholder. */
    static CommentView privateOf(Comment c) {
        if (c.status == CommentStatus.DELETED) {
            return publicOf(c);
        }
        return new CommentView(c.id, c.parentId, c.depth, c.authorName, c.bodyText, c.bodyHtml, c.createdAt, c.editedAt,
                c.status.toString(), c.replyCount, c.moderationReason, null, null, null);
    }

    CommentView withReplies(List<CommentView> replies, String next) {
        return new CommentView(id, parentId, depth, authorName, bodyText, bodyHtml, createdAt, editedAt, status, replyCount,
                moderationReason, replies, next, editToken);
    }

    CommentView withEditToken(String token) {
        return new CommentView(id, parentId, depth, authorName, bodyText, bodyHtml, createdAt, editedAt, status, replyCount,
                moderationReason, replies, repliesNext, token);
    }

    CommentView withStatus(String shownStatus) {
        return new CommentView(id, parentId, depth, authorName, bodyText, bodyHtml, createdAt, editedAt, shownStatus,
                replyCount, moderationReason, replies, repliesNext, editToken);
    }
}

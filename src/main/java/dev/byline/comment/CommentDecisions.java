package dev.byline.comment;

import dev.byline.StoredTime;
import dev.byline.audit.Audited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** A moderator's decision that changes a comment, written to the audit log in the same transaction. */
@ApplicationScoped
public class CommentDecisions {

    private final Clock clock;

    public CommentDecisions(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    @Audited(action = "comment.moderate", target = "comment")
    public ModerationItem decide(Comment comment, ModerationInput input) {
        comment.moveTo(input.target());
        comment.moderationReason = input.reason() == null || input.reason().isBlank() ? null
                : CommentText.normalise(input.reason());
        comment.moderatedAt = StoredTime.now(clock);
        comment.heldFor = null;
        comment.reportCount = 0;
        return ModerationItem.from(comment);
    }
}

package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.StoredTime;
import dev.byline.web.InputValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** Readers' reports of comments: one per reporter, and enough distinct reporters send a comment back to moderators. */
@ApplicationScoped
public class CommentReports {

    private final InputValidator validator;
    private final ClientHashes hashes;
    private final BylineConfig.Comments config;
    private final Clock clock;

    public CommentReports(InputValidator validator, ClientHashes hashes, BylineConfig config, Clock clock) {
        this.clock = clock;
        this.validator = validator;
        this.hashes = hashes;
        this.config = config.comments();
    }

    /** A reader reports a visible comment; {@code reporter} names who (a key, or a client address), hashed. */
    @Transactional
    public void report(String id, ReportInput input, String reporter) {
        validator.validate(input);
        Comment comment = Comment.findForUpdate(Comment.idOf(id)).orElseThrow(() -> Comment.notFound(id));
        CommentedArticle article = CommentedArticle.find(comment.articleId.toString());
        boolean backInQueue = comment.status == CommentStatus.PENDING && "reports".equals(comment.heldFor);
        if (!(comment.isApproved() || backInQueue) || article == null || !article.isPublic()) {
            throw Comment.notFound(id);
        }
        Instant now = StoredTime.now(clock);
        int added = Comment.getEntityManager().createNativeQuery("insert into comment_report (comment_id, reporter_hash,"
                + " reason, created_at) values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, comment.id).setParameter(2, hashes.of(reporter))
                .setParameter(3, CommentText.normalise(input.reason())).setParameter(4, now).executeUpdate();
        if (added == 0) {
            return;
        }
        comment.reportCount++;
        if (comment.isApproved() && comment.reportCount >= config.reportThreshold()) {
            comment.heldFor = "reports";
            comment.moveTo(CommentStatus.PENDING);
        }
    }
}

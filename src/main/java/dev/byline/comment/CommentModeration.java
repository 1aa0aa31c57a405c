package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.article.Article;
import dev.byline.audit.Audited;
import dev.byline.web.CursorCodec;
import dev.byline.web.InputValidator;
import dev.byline.web.Page;
import dev.byline.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Moderators' work: the queue, decisions on comments, and each article's comment settings. */
@ApplicationScoped
public class CommentModeration {

    private final InputValidator validator;
    private final CursorCodec cursors;
    private final CommentDecisions decisions;
    private final BylineConfig.Comments config;

    public CommentModeration(InputValidator validator, CursorCodec cursors, CommentDecisions decisions, BylineConfig config) {
        this.validator = validator;
        this.cursors = cursors;
        this.decisions = decisions;
        this.config = config.comments();
    }

    /** Comments waiting (pending, of which reported is a part), or already marked spam or rejected; oldest first. */
    @Transactional
    public Page<ModerationItem> queue(String status, String article, int limit, String cursor) {
        String wanted = status == null ? "pending" : status.trim();
        if (!List.of("pending", "reported", "spam", "rejected").contains(wanted)) {
            throw ProblemException.invalidQuery("status", "must be one of pending, reported, spam, rejected");
        }
        UUID articleId = null;
        if (article != null && !article.isBlank()) {
            CommentedArticle found = CommentedArticle.find(article.trim());
            if (found == null) {
                throw ProblemException.invalidQuery("article", "is not a known article id or slug");
            }
            articleId = found.id();
        }
        String scope = "moderation:" + wanted + ":" + articleId;
        Instant afterTime = null;
        UUID afterId = null;
        if (cursor != null) {
            CursorCodec.Values values = cursors.decode(scope, cursor, 2);
            afterTime = values.instant(0);
            afterId = values.uuid(1);
        }
        boolean reported = wanted.equals("reported");
        CommentStatus queued = reported ? CommentStatus.PENDING : CommentStatus.of(wanted);
        List<Comment> rows = Comment.queue(queued, reported, articleId, afterTime, afterId, CursorCodec.fetchSize(limit));
        return cursors.page(scope, rows, limit, last -> List.of(last.createdAt.toString(), last.id.toString()),
                ModerationItem::from);
    }

    /** Approves, rejects or marks as spam; doing what is already done changes nothing and is not logged again. */
    @Transactional
    public ModerationItem moderate(String id, ModerationInput input) {
        validator.validate(input);
        Comment comment = Comment.findForUpdate(Comment.idOf(id)).orElseThrow(() -> Comment.notFound(id));
        if (comment.status == CommentStatus.DELETED) {
            throw ProblemException.conflict("The author deleted this comment; there is nothing left to moderate.");
        }
        if (comment.status == input.target()) {
            return ModerationItem.from(comment);
        }
        return decisions.decide(comment, input);
    }

    /**
     * Opens or closes an article's comments and sets its moderation mode (null: the configured default). These are
     * the thread's settings, kept outside the article's version (see {@link Article#commentsOpen}): the article's
     * content, its version, its updated time and the change feed stay as they were, while its ETag still moves with
     * the {@code commentsOpen} it shows.
     */
    @Transactional
    @Audited(action = "article.comment-settings", target = "article")
    public CommentSettings.View configure(String idOrSlug, CommentSettings.Input input) {
        validator.validate(input);
        CommentedArticle found = CommentedArticle.find(idOrSlug);
        if (found == null) {
            throw ProblemException.notFound("There is no article '" + idOrSlug + "'.");
        }
        Article article = Article.findById(found.id());
        article.commentsOpen = input.commentsOpen();
        article.commentModeration = input.moderation();
        return settingsOf(article);
    }

    private CommentSettings.View settingsOf(Article article) {
        return new CommentSettings.View(article.id, article.commentsOpen,
                article.commentModeration != null ? article.commentModeration : config.moderation(),
                article.commentModeration == null);
    }
}

package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.StoredTime;
import dev.byline.database.TimeOrderedIds;
import dev.byline.web.InputValidator;
import dev.byline.web.Problem.FieldError;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.Uuids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What authors do: post with normalisation and anti-abuse checks, then edit or delete with the edit token given once
 * ({@link EditTokens}); and reading one comment, in full for its author and moderators. Threads are
 * {@link CommentThreads}, reports {@link CommentReports}, moderators' work {@link CommentModeration}.
 */
@ApplicationScoped
public class CommentService {

    static final int MAX_BODY = 5000;
    static final int MAX_NAME = 80;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int RECENT_COMMENTS_COMPARED = 20;

    private final InputValidator validator;
    private final ClientHashes hashes;
    private final BylineConfig.Comments config;
    private final Clock clock;

    public CommentService(InputValidator validator, ClientHashes hashes, BylineConfig config, Clock clock) {
        this.clock = clock;
        this.validator = validator;
        this.hashes = hashes;
        this.config = config.comments();
    }

    /** One comment: the public view, or the real status and the moderator's reason for its author and moderators. */
    @Transactional
    public CommentView read(String id, String token, boolean moderator) {
        Comment comment = Comment.<Comment>findByIdOptional(Comment.idOf(id)).orElseThrow(() -> Comment.notFound(id));
        if (moderator || token != null && EditTokens.matches(comment, token)) {
            return CommentView.privateOf(comment);
        }
        CommentedArticle article = CommentedArticle.find(comment.articleId.toString());
        if (!comment.isVisible() || article == null || !article.isPublic()) {
            throw Comment.notFound(id);
        }
        return CommentView.publicOf(comment);
    }

    /** Posts a comment; {@code client} names who is posting (a key, or a client address) for duplicate checks. */
    @Transactional
    public CommentView post(String idOrSlug, CommentInput input, String client) {
        validator.validate(input);
        Instant now = StoredTime.now(clock);
        String name = CommentText.normaliseLine(input.authorName());
        String body = CommentText.normalise(input.body());
        String email = input.authorEmail() == null || input.authorEmail().isBlank() ? null : input.authorEmail().strip();
        List<FieldError> errors = new ArrayList<>();
        checkName(name, errors);
        checkBody(body, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("body", "authorEmail", "must be an e-mail address"));
        }
        UUID parentId = null;
        if (input.parentId() != null) {
            parentId = Uuids.parse(input.parentId()).orElse(null);
            if (parentId == null) {
                errors.add(new FieldError("body", "parentId", "must be the id of a comment"));
            }
        }
        throwIfAny(errors);

        CommentedArticle article = CommentedArticle.findPublic(idOrSlug);
        if (!article.commentsOpen()) {
            throw ProblemException.conflict("Comments on this article are closed.");
        }
        Comment parent = parentId == null ? null : replyTarget(parentId, article);

        byte[] clientHash = hashes.of(client);
        hashes.purgeExpired(now);
        boolean honeypot = input.website() != null && !input.website().isBlank();
        if (!honeypot) {
            refuseDuplicates(clientHash, body, now);
        }

        Comment comment = new Comment();
        comment.id = TimeOrderedIds.next();
        comment.articleId = article.id();
        comment.parentId = parent == null ? null : parent.id;
        comment.rootId = parent == null ? comment.id : parent.rootId;
        comment.depth = parent == null ? 0 : parent.depth + 1;
        List<UUID> path = new ArrayList<>(parent == null ? List.of() : parent.path);
        path.add(comment.id);
        comment.path = path;
        comment.authorName = name;
        comment.authorEmail = email;
        comment.bodyText = body;
        comment.bodyHtml = CommentText.toHtml(body);
        comment.createdAt = now;
        comment.clientHash = clientHash;
        comment.clientHashExpiresAt = hashes.expiry(now);
        String token = EditTokens.issue();
        comment.editTokenHash = EditTokens.hash(token);
        comment.status = CommentStatus.PENDING;
        if (honeypot) {
            comment.status = CommentStatus.SPAM;
            comment.heldFor = "honeypot";
        } else {
            comment.heldFor = holdReason(body, article);
        }
        comment.persist();
        if (!honeypot && comment.heldFor == null) {
            comment.moveTo(CommentStatus.APPROVED);
        }
        CommentView view = CommentView.privateOf(comment).withEditToken(token);
        // A bot that filled the honeypot learns nothing: its comment looks held like any other.
        return honeypot ? view.withStatus(CommentStatus.PENDING.toString()) : view;
    }

    /** The author edits the body within the edit window; an edit is checked like a new comment. */
    @Transactional
    public CommentView edit(String id, String token, CommentEdit edit) {
        validator.validate(edit);
        Comment comment = ownComment(id, token);
        Instant now = StoredTime.now(clock);
        if (now.isAfter(comment.createdAt.plus(config.editWindow()))) {
            throw ProblemException.conflict("Comments can be edited for " + config.editWindow().toMinutes()
                    + " minutes after posting; this one can still be deleted.");
        }
        if (comment.status == CommentStatus.REJECTED || comment.status == CommentStatus.SPAM) {
            throw ProblemException.conflict("A moderator has " + comment.status + " this comment; it cannot be edited.");
        }
        String body = CommentText.normalise(edit.body());
        List<FieldError> errors = new ArrayList<>();
        checkBody(body, errors);
        throwIfAny(errors);
        if (body.equals(comment.bodyText)) {
            return CommentView.privateOf(comment);
        }
        CommentedArticle article = CommentedArticle.find(comment.articleId.toString());
        comment.bodyText = body;
        comment.bodyHtml = CommentText.toHtml(body);
        comment.editedAt = now;
        String hold = holdReason(body, article);
        if (hold != null && comment.status == CommentStatus.APPROVED) {
            comment.heldFor = hold;
            comment.moveTo(CommentStatus.PENDING);
        }
        return CommentView.privateOf(comment);
    }

    /** The author deletes at any time; with replies, the comment stays as a "[deleted]" placeholder without content. */
    @Transactional
    public void delete(String id, String token) {
        Comment comment = ownComment(id, token);
        comment.moveTo(CommentStatus.DELETED);
        comment.authorName = "";
        comment.authorEmail = null;
        comment.bodyText = "";
        comment.bodyHtml = "";
        comment.heldFor = null;
        comment.moderationReason = null;
        comment.clientHash = null;
        comment.clientHashExpiresAt = null;
    }

    private Comment replyTarget(UUID parentId, CommentedArticle article) {
        Comment parent = Comment.findById(parentId);
        if (parent == null || !parent.isApproved()) {
            throw ProblemException.invalidBody("parentId", "is not a comment that can be replied to");
        }
        if (!parent.articleId.equals(article.id())) {
            throw ProblemException.invalidBody("parentId", "is a comment on another article");
        }
        // At the deepest level a reply becomes a sibling of the comment it answers, so threads never grow deeper.
        while (parent.depth >= config.maxDepth() && parent.parentId != null) {
            parent = Comment.findById(parent.parentId);
        }
        return parent;
    }

    private void refuseDuplicates(byte[] clientHash, String body, Instant now) {
        for (Comment recent : Comment.recentFromClient(clientHash, now.minus(config.duplicateWindow()),
                RECENT_COMMENTS_COMPARED)) {
            if (NearDuplicates.same(body, recent.bodyText)) {
                throw ProblemException.conflict("This repeats (or nearly repeats) a comment you posted at "
                        + recent.createdAt.truncatedTo(ChronoUnit.SECONDS) + ".");
            }
        }
    }

    /** Why a comment must wait for a moderator, or null when it may be published at once. */
    private String holdReason(String body, CommentedArticle article) {
        if (CommentText.countLinks(body) > config.maxLinks()) {
            return "links";
        }
        if (!CommentText.bannedWordsIn(body, config.bannedWords().orElse(List.of())).isEmpty()) {
            return "banned-words";
        }
        String moderation = article.moderation() != null ? article.moderation() : config.moderation();
        return "pre".equals(moderation) ? "pre-moderation" : null;
    }

    private Comment ownComment(String id, String token) {
        Comment comment = Comment.findForUpdate(Comment.idOf(id)).orElseThrow(() -> Comment.notFound(id));
        if (token == null || token.isBlank()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Send the comment's edit token in X-Comment-Token.");
        }
        if (!EditTokens.matches(comment, token)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The X-Comment-Token is not this comment's edit token.");
        }
        return comment;
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("body", "authorName", "must not be blank"));
        } else if (CommentText.length(name) > MAX_NAME) {
            errors.add(new FieldError("body", "authorName", "must be at most " + MAX_NAME + " characters"));
        } else if (CommentText.hasControlCharacters(name)) {
            errors.add(new FieldError("body", "authorName", "must not contain control characters"));
        }
    }

    private static void checkBody(String body, List<FieldError> errors) {
        if (body == null || body.isEmpty()) {
            errors.add(new FieldError("body", "body", "must not be blank"));
        } else if (CommentText.length(body) > MAX_BODY) {
            errors.add(new FieldError("body", "body", "must be at most " + MAX_BODY + " characters"));
        } else if (CommentText.hasControlCharacters(body)) {
            errors.add(new FieldError("body", "body", "must not contain control characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.size() == 1 ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(FieldError::field).toList()) + ".";
        throw new ProblemException(ProblemType.VALIDATION, detail, errors, Map.of());
    }
}

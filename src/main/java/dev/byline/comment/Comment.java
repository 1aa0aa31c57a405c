package dev.byline.comment;

import dev.byline.article.ArticlePart;
import dev.byline.web.ProblemException;
import dev.byline.web.Uuids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A reader's comment on an article, placed in its thread by parent, root, depth and materialised path. */
@Entity
@Table(name = "comment")
public class Comment extends PanacheEntityBase implements ArticlePart {

    @Id
    public UUID id;

    @Column(name = "article_id")
    public UUID articleId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "root_id")
    public UUID rootId;

    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int depth;

    /** Ids from the top-level comment down to this one. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> path;

    @Convert(converter = CommentStatus.AsText.class)
    public CommentStatus status;

    @Column(name = "held_for")
    public String heldFor;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_email")
    public String authorEmail;

    @Column(name = "body_text")
    public String bodyText;

    @Column(name = "body_html")
    public String bodyHtml;

    /** Changed only by SQL increments on ancestors, so a stale copy never overwrites it. */
    @Column(name = "reply_count", insertable = false, updatable = false)
    public int replyCount;

    @Column(name = "report_count")
    public int reportCount;

    @Column(name = "moderation_reason")
    public String moderationReason;

    @Column(name = "moderated_at")
    public Instant moderatedAt;

    @Column(name = "edit_token_hash")
    public byte[] editTokenHash;

    @Column(name = "client_hash")
    public byte[] clientHash;

    @Column(name = "client_hash_expires_at")
    public Instant clientHashExpiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    public boolean isApproved() {
        return status == CommentStatus.APPROVED;
    }

    /** What the public sees: approved comments, and hidden ones that still hold approved replies (placeholders). */
    public boolean isVisible() {
        return isApproved() || replyCount > 0;
    }

    @Override
    public UUID articleId() {
        return articleId;
    }

    /** Moves the comment to {@code next}, keeping the approved counts of its article and ancestors in step. */
    void moveTo(CommentStatus next) {
        boolean was = isApproved();
        status = next;
        boolean is = isApproved();
        if (was != is) {
            adjustApprovedCounts(this, is ? 1 : -1);
        }
    }

    /** The comment an id in a URL names; 404 for what is not an id, like for an unknown one. */
    static UUID idOf(String id) {
        return Uuids.parse(id).orElseThrow(() -> notFound(id));
    }

    /** The one answer for a comment the caller may not see, whether or not it exists. */
    static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no comment '" + id + "' that you may see.");
    }

    /** The ancestors of this comment, nearest last. */
    public List<UUID> ancestors() {
        return path.subList(0, path.size() - 1);
    }

    /** Loads a comment and locks its row, so concurrent status changes see each other and counts cannot drift. */
    public static Optional<Comment> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Recent comments from the same client (keyed address hash), newest first, for duplicate checks. */
    public static List<Comment> recentFromClient(byte[] clientHash, Instant since, int limit) {
        return find("clientHash = ?1 and createdAt >= ?2 and status <> ?3 order by createdAt desc", clientHash, since,
                CommentStatus.DELETED)
                .page(0, limit).list();
    }

    /**
     * Moves the approved counts by {@code delta}: the article's comment count (and the time it moved, for feeds'
     * Last-Modified) and the reply counts of every ancestor, in the caller's transaction, as atomic increments (two
     * writers never lose each other's change).
     */
    public static void adjustApprovedCounts(Comment comment, int delta) {
        getEntityManager().createNativeQuery("update article set comment_count = comment_count + ?1,"
                        + " comments_changed_at = statement_timestamp() where id = ?2")
                .setParameter(1, delta).setParameter(2, comment.articleId).executeUpdate();
        List<UUID> ancestors = new ArrayList<>(comment.ancestors());
        if (!ancestors.isEmpty()) {
            getEntityManager().createNativeQuery("update comment set reply_count = reply_count + ?1 where id in (?2)")
                    .setParameter(1, delta).setParameter(2, ancestors).executeUpdate();
        }
    }

    /** GET /moderation/comments: oldest first, keyset on (created_at, id); indexes comment_queue_* in V3. */
    public static List<Comment> queue(CommentStatus status, boolean reportedOnly, UUID articleId, Instant afterTime,
            UUID afterId, int limit) {
        StringBuilder where = new StringBuilder("status = ?1");
        List<Object> params = new ArrayList<>(List.of(status));
        if (reportedOnly) {
            where.append(" and heldFor = 'reports'");
        }
        if (articleId != null) {
            params.add(articleId);
            where.append(" and articleId = ?").append(params.size());
        }
        if (afterTime != null) {
            params.add(afterTime);
            int t = params.size();
            params.add(afterId);
            where.append(" and (createdAt > ?").append(t).append(" or (createdAt = ?").append(t)
                    .append(" and id > ?").append(params.size()).append("))");
        }
        return find(where + " order by createdAt, id", params.toArray()).page(0, limit).list();
    }
}

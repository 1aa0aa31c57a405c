package dev.byline.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What remains of a deleted article, so GET answers 410 and mirrors can learn of the deletion. */
@Entity
@Table(name = "article_tombstone")
public class ArticleTombstone extends PanacheEntityBase {

    @Id
    public UUID id;

    public String slug;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Whether the public had been able to read the article before it was deleted. */
    @Column(name = "was_public")
    public boolean wasPublic;

    /** Whether partners had received it (it may have been syndicated under embargo only). */
    @Column(name = "was_syndicated")
    public boolean wasSyndicated;

    /** The tombstone of the deleted article an {@code idOrSlug} names ({@link IdOrSlug}), if it is one. */
    public static Optional<ArticleTombstone> findFor(String idOrSlug) {
        return ArticleSlug.articleIdOf(idOrSlug).flatMap(id -> findByIdOptional(id));
    }

    /** Whether the caller may learn that this article existed: 410 for them, 404 otherwise. */
    public boolean shownTo(boolean partner) {
        return wasPublic || partner && wasSyndicated;
    }
}

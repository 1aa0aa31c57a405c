package dev.byline.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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
}

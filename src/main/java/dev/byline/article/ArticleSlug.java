package dev.byline.article;

import dev.byline.web.Uuids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every slug an article has had; old ones redirect, and none is ever given to another article. */
@Entity
@Table(name = "article_slug")
public class ArticleSlug extends PanacheEntityBase {

    @Id
    public String slug;

    @Column(name = "article_id")
    public UUID articleId;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<ArticleSlug> findBySlug(String slug) {
        return findByIdOptional(slug);
    }

    /** The article an {@code idOrSlug} names: the id itself, or the article a current or former slug belongs to. */
    public static Optional<UUID> articleIdOf(String idOrSlug) {
        return Uuids.parse(idOrSlug).or(() -> findBySlug(idOrSlug).map(s -> s.articleId));
    }

    /** The slugs taken among {@code base} and {@code base-N}, to pick the next free one. */
    public static List<String> takenLike(String base) {
        return getEntityManager()
                .createQuery("select s.slug from ArticleSlug s where s.slug = ?1 or s.slug like ?2", String.class)
                .setParameter(1, base)
                .setParameter(2, base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%")
                .getResultList();
    }
}

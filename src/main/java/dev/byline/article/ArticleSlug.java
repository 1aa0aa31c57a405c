package dev.byline.article;

import dev.byline.web.Problem.FieldError;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every slug an article has had; old ones redirect, and none is ever given to another article. The slug policy lives
 * here: an asked-for slug must be free, a derived one takes the first free {@code -N}, and an article may take back
 * one of its own former slugs.
 */
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

    /** The id of the article an {@code idOrSlug} names, deleted ones included: {@link IdOrSlug#articleId()}. */
    public static Optional<UUID> articleIdOf(String idOrSlug) {
        return IdOrSlug.of(idOrSlug).articleId();
    }

    /** The slugs taken among {@code base} and {@code base-N}, to pick the next free one. */
    public static List<String> takenLike(String base) {
        return getEntityManager()
                .createQuery("select s.slug from ArticleSlug s where s.slug = ?1 or s.slug like ?2", String.class)
                .setParameter(1, base)
                .setParameter(2, base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%")
                .getResultList();
    }

    /**
     * The slug an editor asked for, if no article has or had it (409 otherwise) and it cannot be taken for an id (400:
     * the URL of an article takes either, see {@link IdOrSlug}).
     */
    static String claim(String slug) {
        refuseIdForm(slug);
        if (findBySlug(slug).isPresent()) {
            throw taken(slug);
        }
        return slug;
    }

    /** {@code base} if it is free, or else the first free one of {@code base-2}, {@code base-3}… */
    static String freeFrom(String base) {
        Set<String> taken = new HashSet<>(takenLike(base));
        if (!taken.contains(base) && !IdOrSlug.of(base).isId()) {
            return base;
        }
        int n = 2;
        while (taken.contains(base + "-" + n)) {
            n++;
        }
        return base + "-" + n;
    }

    /**
     * Moves {@code article} to {@code slug}, keeping its former slugs: 409 when another article has or had it; one of
     * the article's own former slugs is already recorded as its own.
     */
    static void move(Article article, String slug, Instant now) {
        if (slug.equals(article.slug)) {
            return;
        }
        refuseIdForm(slug);
        Optional<ArticleSlug> known = findBySlug(slug);
        if (known.isPresent() && !known.get().articleId.equals(article.id)) {
            throw taken(slug);
        }
        article.slug = slug;
        if (known.isEmpty()) {
            record(article, now);
        }
    }

    /** Records the article's current slug as its own. */
    static void record(Article article, Instant now) {
        ArticleSlug slug = new ArticleSlug();
        slug.slug = article.slug;
        slug.articleId = article.id;
        slug.createdAt = now;
        slug.persist();
    }

    private static void refuseIdForm(String slug) {
        if (IdOrSlug.of(slug).isId()) {
            throw ProblemException.invalidBody("slug", "must not have the form of a UUID: that would name an article "
                    + "by id");
        }
    }

    private static ProblemException taken(String slug) {
        return new ProblemException(ProblemType.CONFLICT, "The slug '" + slug + "' is or was used by another article; "
                + "choose another.", List.of(new FieldError("body", "slug", "already taken")), Map.of());
    }
}

package dev.byline.syndication;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of the change feed: something partners must mirror, numbered in commit order. */
@Entity
@Table(name = "article_change")
public class ArticleChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "article_id")
    public UUID articleId;

    public String kind;

    public long version;

    public Instant at;

    public String slug;

    @Column(name = "embargoed_until")
    public Instant embargoedUntil;

    /** GET /changes: the entries after {@code seq}, oldest first, on the primary key. */
    public static List<ArticleChange> after(long seq, int limit) {
        return find("seq > ?1 order by seq", seq).page(0, limit).list();
    }
}

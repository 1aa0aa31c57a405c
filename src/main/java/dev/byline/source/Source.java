package dev.byline.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An outlet that originates or is cited by stories: a wire agency, a broadcaster, a newspaper. */
@Entity
@Table(name = "source")
public class Source extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    @Convert(converter = SourceKind.AsText.class)
    public SourceKind kind;

    @Column(name = "homepage_url")
    public String homepageUrl;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> aliases = List.of();

    @Column(name = "default_attribution")
    public String defaultAttribution;

    @Column(name = "copyright_holder")
    public String copyrightHolder;

    @Column(name = "usage_terms")
    public String usageTerms;

    public boolean syndicatable = true;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** The rights this source's articles inherit unless they set their own. */
    public Rights rights() {
        return new Rights(copyrightHolder, usageTerms, syndicatable);
    }

    public static Optional<Source> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<Source> findBySlugs(Collection<String> slugs) {
        return slugs.isEmpty() ? List.of() : list("slug in ?1", slugs);
    }

    /** GET /sources: keyset on the unique slug. */
    public static List<Source> pageAfter(String afterSlug, int limit) {
        return afterSlug == null
                ? find("order by slug").page(0, limit).list()
                : find("slug > ?1 order by slug", afterSlug).page(0, limit).list();
    }

    /** How many articles originate from or cite this source; deleting it is refused while any do. */
    public static long usageCount(Source source) {
        Number count = (Number) getEntityManager().createNativeQuery("""
                select (select count(*) from article where source_id = ?1)
                     + (select count(*) from article_cited_source where source_id = ?1)""")
                .setParameter(1, source.id)
                .getSingleResult();
        return count.longValue();
    }
}

package dev.byline.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Counts published articles per section and per tag. */
@ApplicationScoped
public class TaxonomyService {

    private final EntityManager entityManager;

    public TaxonomyService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A section or tag and how many published articles carry it. */
    public record TermCount(String name, long count) {
    }

    /** The list of terms, most used first. */
    public record TermList(List<TermCount> items) {
    }

    @Transactional
    public TermList sections() {
        return terms("select a.section, count(*) from article a where " + ArticleListing.PUBLIC
                + " and a.section is not null group by a.section order by count(*) desc, a.section", 1000);
    }

    @Transactional
    public TermList tags(int limit) {
        return terms("select t.tag, count(*) from article a cross join lateral unnest(a.tags) as t(tag) where "
                + ArticleListing.PUBLIC + " group by t.tag order by count(*) desc, t.tag", limit);
    }

    private TermList terms(String sql, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql + " limit " + limit).getResultList();
        return new TermList(rows.stream().map(r -> new TermCount((String) r[0], ((Number) r[1]).longValue())).toList());
    }
}

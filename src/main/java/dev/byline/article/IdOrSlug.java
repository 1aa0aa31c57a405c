package dev.byline.article;

import dev.byline.web.Uuids;
import java.util.Optional;
import java.util.UUID;

/**
 * How a client names an article, in a URL ({@code /articles/{idOrSlug}}) or a field ({@code translationOf}, the
 * moderation queue's {@code article}): the one rule that every read and write resolves it by.
 *
 * <ul>
 * <li>Text in a UUID's canonical form names the article with that id, and only by id: no slug may have that form
 * ({@link ArticleSlug#claim}), so a UUID that is no article's id names no article.</li>
 * <li>Other text names the article whose current or former slug it is: {@code article_slug} keeps every slug an
 * article has had, and gives none to another article. By a former slug the article has moved
 * ({@link #isFormerSlug}): its JSON answers 301 to the current slug; every other operation acts on the article.</li>
 * <li>The ids and slugs of a deleted article still name it, for its tombstone ({@link ArticleTombstone#findFor}).</li>
 * <li>Text with a NUL names nothing: no slug has one, and PostgreSQL cannot even compare it.</li>
 * </ul>
 *
 * <p>The same rule in SQL is {@link #sql()} (with {@link #parameter()}), and in Hibernate's query language
 * {@link #hql()}; {@code db/queries/article-read.sql}, kept as one plain text for the benchmark, ends with
 * {@link #SQL_BY_SLUG} ({@link ArticleReader} refuses to start otherwise). {@code IdOrSlugTest} pins every caller to
 * the same answers.
 */
public record IdOrSlug(String asked, UUID id) {

    /** Which article a UUID names, on {@code article a}; its one parameter is the id. */
    public static final String SQL_BY_ID = "a.id = ?";
    /** Which article a current or former slug names, on {@code article a}; its one parameter is the slug. */
    public static final String SQL_BY_SLUG = "a.id = (select sl.article_id from article_slug sl where sl.slug = ?)";

    private static final String HQL_BY_ID = "a.id = ?1";
    private static final String HQL_BY_SLUG = "a.id = (select s.articleId from ArticleSlug s where s.slug = ?1)";

    public static IdOrSlug of(String asked) {
        return new IdOrSlug(asked, Uuids.parse(asked).orElse(null));
    }

    /** Whether it is an id (then never a slug). */
    public boolean isId() {
        return id != null;
    }

    /** Whether no article can have this name, so that there is nothing to look up. */
    public boolean namesNothing() {
        return asked == null || asked.indexOf('\0') >= 0;
    }

    /** The condition on {@code article a} that finds the article, with one JDBC parameter, {@link #parameter()}. */
    public String sql() {
        return isId() ? SQL_BY_ID : SQL_BY_SLUG;
    }

    /** {@link #sql()} in Hibernate's query language, on {@code Article a}, with the parameter {@code ?1}. */
    public String hql() {
        return isId() ? HQL_BY_ID : HQL_BY_SLUG;
    }

    /** The value of the lookup's one parameter: the id, or the slug. */
    public Object parameter() {
        return isId() ? id : asked;
    }

    /** The id of the article it names, deleted ones included; one statement for a slug, none for an id. */
    public Optional<UUID> articleId() {
        if (isId()) {
            return Optional.of(id);
        }
        return namesNothing() ? Optional.empty() : ArticleSlug.findBySlug(asked).map(s -> s.articleId);
    }

    /** Whether it is a slug the article found by it no longer has: the article moved to {@code currentSlug}. */
    public boolean isFormerSlug(String currentSlug) {
        return !isId() && !asked.equals(currentSlug);
    }
}

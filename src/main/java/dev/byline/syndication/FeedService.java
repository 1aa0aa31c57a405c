package dev.byline.syndication;

import dev.byline.BylineConfig;
import dev.byline.SiteLinks;
import dev.byline.StoredTime;
import dev.byline.article.Article;
import dev.byline.article.ArticleVisibility;
import dev.byline.database.SqlValues;
import dev.byline.source.Source;
import dev.byline.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The latest articles for a feed in three statements whatever its size (four for a source's feed): the ids in
 * order with a fingerprint of what shows, the feed's Last-Modified, and the articles with their sources; a
 * conditional request that is answered 304 stops after the first two.
 */
@ApplicationScoped
public class FeedService {

    /**
     * The last time anything any feed could show changed, from single index probes: an edit or withdrawal (both
     * move updated_at), a deletion, a scheduled time, embargo or expiry passing, a source edited (its name, rights
     * and attribution show in items; the source table is small). It is global, so it may move for a change outside
     * a given feed (a needless 200 for If-Modified-Since) but never stays put when the feed changed, not even when
     * an article leaves it. Comment counts are not covered here: each feed adds its items' comments_changed_at.
     */
    private static final String LAST_MODIFIED = """
            select greatest(
                (select max(updated_at) from article where status in ('published', 'scheduled')),
                (select max(updated_at) from article where status = 'withdrawn'),
                (select max(published_at) from article where status in ('published', 'scheduled') and published_at <= now()),
                (select max(embargoed_until) from article where embargoed_until <= now()),
                (select max(expires_at) from article where status = 'published' and expires_at <= now()),
                (select max(deleted_at) from article_tombstone),
                (select max(updated_at) from source))""";

    /** What a feed is made of. */
    public enum Scope {
        ALL, SECTION, TAG, SOURCE
    }

    private final EntityManager entityManager;
    private final BylineConfig.Syndication config;
    private final SiteLinks site;
    private final String publisher;
    private final String language;
    private final Clock clock;

    public FeedService(EntityManager entityManager, BylineConfig config, SiteLinks site, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.config = config.syndication();
        this.site = site;
        this.publisher = config.site().name().filter(name -> !name.isBlank()).orElse(config.syndication().feedTitle());
        this.language = config.site().language();
    }

    /**
     * What a feed will show, read without loading the articles: their ids in order, a fingerprint of everything
     * that shows in the feed, and the Last-Modified. Two statements (three for a source's feed); enough to answer a
     * conditional request without building the feed.
     */
    @Transactional
    FeedSnapshot snapshot(Scope scope, String value, int limit, boolean partner) {
        String title = config.feedTitle();
        String description = "The latest articles";
        String filter = switch (scope) {
            case ALL -> "";
            case SECTION -> " and a.section = ?1";
            case TAG -> " and a.tags @> array[cast(?1 as text)]";
            case SOURCE -> " and a.source_id = ?1";
        };
        Object parameter = value;
        if (scope == Scope.SOURCE) {
            Source source = Source.findBySlug(value)
                    .orElseThrow(() -> ProblemException.notFound("There is no source '" + value + "'."));
            parameter = source.id;
            title += ": " + source.name;
            description += " from " + source.name;
        } else if (scope != Scope.ALL) {
            title += ": " + value;
            description += " in " + (scope == Scope.SECTION ? "section " : "tag ") + value;
        }
        // Newest first on (published_at, id): V1's partial indexes, by section or the tags' GIN index where filtered.
        // Besides the id, each row brings what can change in its item without a new article version (comment
        // count, comments open, an embargo passing) and its source's version (name, rights, attribution).
        Query select = entityManager.createNativeQuery("select a.id, a.version, a.comment_count, a.comments_open,"
                + " coalesce(a.embargoed_until > now(), false), coalesce(s.version, -1), a.comments_changed_at"
                + " from article a left join source s on s.id = a.source_id where "
                + (partner ? ArticleVisibility.SYNDICATED : ArticleVisibility.PUBLIC) + filter
                + " order by a.published_at desc, a.id desc limit " + limit);
        if (scope != Scope.ALL) {
            select.setParameter(1, parameter);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        StringBuilder fingerprint = new StringBuilder(rows.size() * 64);
        Instant lastModified = lastModified();
        for (Object[] row : rows) {
            ids.add((UUID) row[0]);
            // The global Last-Modified does not see comment counts move; each item's own time does.
            if (row[6] != null && SqlValues.instant(row[6]).isAfter(lastModified)) {
                lastModified = SqlValues.instant(row[6]);
            }
            for (Object column : row) {
                fingerprint.append(column).append(':');
            }
            fingerprint.append('\n');
        }
        return new FeedSnapshot(title, description, ids, fingerprint.toString(), lastModified);
    }

    /**
     * The feed of a snapshot: its articles with their sources in one statement; full text for partners.
     *
     * @param base the API's base URL
     * @param id the feed's URL without a query, which names it whatever is asked of it
     * @param self the URL it is read at
     * @param articles the API's list of the same articles
     */
    @Transactional
    Feed feed(FeedSnapshot snapshot, boolean partner, URI base, URI id, URI self, URI articles) {
        Instant now = StoredTime.now(clock);
        Map<UUID, Article> loaded = new HashMap<>();
        Article.findWithSources(snapshot.ids()).forEach(a -> loaded.put(a.id, a));
        // An article deleted since the snapshot is left out; the ETag then over-promises nothing: it names the
        // snapshot, and the next request sees the deletion in a new one.
        // And one withdrawn (or made unsyndicatable) in between is left out too: visibility is checked again on the
        // rows loaded, as the snapshot's statement ran in an earlier transaction.
        List<Feed.Entry> entries = snapshot.ids().stream().map(loaded::get).filter(Objects::nonNull)
                .filter(a -> partner ? a.isSyndicated(now) : a.isPublic(now))
                .map(a -> Feed.Entry.from(a, base, site, partner, now)).toList();
        return new Feed(snapshot.title(), snapshot.description(), id, self, site.home().orElse(articles), articles, base,
                publisher, language, partner, snapshot.lastModified(), entries);
    }

    private Instant lastModified() {
        Object value = entityManager.createNativeQuery(LAST_MODIFIED).getSingleResult();
        return value == null ? Instant.EPOCH : SqlValues.instant(value); // null: no article was ever published
    }
}

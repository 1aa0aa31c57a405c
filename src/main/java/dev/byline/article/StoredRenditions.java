package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.SiteLinks;
import dev.byline.database.Sql;
import dev.byline.source.Source;
import dev.byline.source.SourceKind;
import dev.byline.web.Representations;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Public article renditions kept in PostgreSQL (V18), for every instance: the second layer under the memory of
 * {@link ReadCaches}. A read that rendered an article anybody may read stores the bytes; a later read by any instance
 * (one that never rendered it, or no longer keeps it) gets them back from the article's one read statement, without
 * loading and rendering the article again. Rows are deleted by the commit that makes them stale (V18's triggers), and
 * a rendition is only stored under the epoch its rows were read at, so a commit between the read and the store is
 * never papered over.
 */
@ApplicationScoped
public class StoredRenditions {

    private static final Logger LOG = Logger.getLogger(StoredRenditions.class);

    /**
     * Stores a rendition unless the epoch moved since its rows were read. {@code for share} waits for a writer that
     * is committing (it holds the epoch row), then sees the epoch that writer left.
     */
    private static final String STORE = """
            with current_epoch as (select value from article_rendition_epoch where value = ? for share)
            insert into article_rendition (article_id, format, slug, version, tag, length, valid_until, gzip)
            select ?, ?, ?, ?, ?, ?, ?, ? from current_epoch
            on conflict (article_id) do update set format = excluded.format, slug = excluded.slug,
                version = excluded.version, tag = excluded.tag, length = excluded.length,
                valid_until = excluded.valid_until, gzip = excluded.gzip""";

    private final Sql sql;
    private final boolean enabled;
    private final String format;

    public StoredRenditions(Sql sql, BylineConfig config, SiteLinks site, Representations representations) {
        this.sql = sql;
        this.enabled = config.readCache().enabled();
        this.format = format(site, representations);
    }

    /** Whether {@code stored}, as a read statement found it, is this renderer's and may be served. */
    boolean serves(ArticleReader.Stored stored) {
        return enabled && stored != null && stored.format().equals(format);
    }

    /**
     * Stores the rendition of a public article whose rows were read at {@code epoch}. A failure only costs the next
     * reader a rendering, so it is logged, not raised.
     */
    void store(ReadCaches.Rendition rendition, long epoch) {
        if (!enabled) {
            return;
        }
        try {
            byte[] gzip = rendition.gzip();
            sql.update(STORE, s -> {
                int i = 1;
                s.setLong(i++, epoch);
                s.setObject(i++, rendition.id());
                s.setString(i++, format);
                s.setString(i++, rendition.slug());
                s.setLong(i++, rendition.version());
                s.setString(i++, rendition.tag());
                s.setInt(i++, rendition.length());
                if (rendition.validUntil().equals(Instant.MAX)) {
                    s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setTimestamp(i++, Timestamp.from(rendition.validUntil()));
                }
                s.setBytes(i, gzip);
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "The rendition of article %s was not stored", rendition.id());
        }
    }

    /**
     * Deletes the rows past their validity (an expiry, a language version's time rule): the read statement never
     * joins them, but nothing else would remove them until the article changes again.
     */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        if (enabled) {
            sql.update("delete from article_rendition where valid_until <= now()", s -> { });
        }
    }

    /**
     * The renderer's name: a digest of a sample article rendered as readers get it. An instance whose rendering
     * differs (another version of Byline, other site settings) does not serve what this one stored; it renders again
     * and stores its own, so during a rolling upgrade the two take turns, and nobody is served the other's bytes.
     */
    private static String format(SiteLinks site, Representations representations) {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        Source source = new Source();
        source.id = 1L;
        source.slug = "sample-agency";
        source.name = "Sample <Agency> & Co";
        source.kind = SourceKind.WIRE_AGENCY;
        source.defaultAttribution = "Based on a sample report";
        source.copyrightHolder = "Sample Agency";
        source.usageTerms = "Sample terms";
        source.syndicatable = true;
        Article a = new Article();
        a.id = new UUID(0, 1);
        a.slug = "sample";
        a.headline = "A sample \"headline\" <b>";
        a.standfirst = "A sample standfirst 'quoted' & more";
        a.bodyHtml = "<p>Sample body é 🎉</p>";
        a.bodyText = "Sample body é 🎉";
        a.byline = "Sample desk";
        a.dateline = "SAMPLE";
        a.section = "world";
        a.tags = List.of("one", "two");
        a.language = "en";
        a.status = ArticleStatus.PUBLISHED;
        a.publishedAt = now.minusSeconds(3600);
        a.expiresAt = now.plusSeconds(3600);
        a.attribution = "Based on a sample report";
        a.canonicalUrl = "https://news.example/sample";
        a.commentsOpen = true;
        a.commentCount = 2;
        a.wordCount = 3;
        a.createdAt = now.minusSeconds(7200);
        a.updatedAt = now.minusSeconds(1800);
        a.version = 4;
        a.source = source;
        CitedSource cited = new CitedSource();
        cited.article = a;
        cited.source = source;
        cited.role = CitationRole.values()[0];
        cited.note = "a note";
        cited.url = "https://agency.example/story";
        a.citedSources = List.of(cited);
        Correction correction = new Correction();
        correction.article = a;
        correction.id = 5L;
        correction.text = "A sample correction.";
        correction.createdAt = now.minusSeconds(900);
        a.corrections = List.of(correction);
        a.translationsRead("[{\"id\":\"00000000-0000-0000-0000-000000000002\",\"slug\":\"sample-fr\",\"language\":\"fr\","
                + "\"headline\":\"Un exemple\",\"original\":false,\"status\":\"published\","
                + "\"publishedAt\":\"2026-01-01T00:00:00Z\",\"embargoedUntil\":null,\"expiresAt\":null}]");
        byte[] json = representations.json(ArticleView.from(a, now, site));
        return Representations.contentTag(json);
    }
}

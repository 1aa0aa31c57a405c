package dev.byline.syndication;

import dev.byline.article.ArticleChanged;
import dev.byline.article.ArticleChanged.Snapshot;
import dev.byline.article.ArticleVisibility;
import dev.byline.source.SourceDefaultsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Writes the change feed in the same transaction as each change to what partners see. Long-polling readers on every
 * instance are woken once it commits by the NOTIFY of the feed's trigger (migration V6; see {@link ChangeWatch}).
 */
@ApplicationScoped
public class ChangeLog {

    /** The advisory lock that serialises writers of the change feed; any constant unique to this purpose. */
    private static final long CHANGE_FEED_LOCK = 0x4279_6C69_6E65_4346L;

    private final EntityManager entityManager;

    public ChangeLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Turns an editorial action into what it means for partners, judged by visibility before and after. */
    void articleChanged(@Observes ArticleChanged change) {
        Snapshot article = change.article();
        boolean visibleNow = change.action() != ArticleChanged.Action.DELETED && article.syndicated();
        ChangeKind kind;
        if (!change.wasSyndicated() && !visibleNow) {
            return; // a draft, a scheduled article not yet due, a non-syndicatable one: partners never knew of it
        } else if (!change.wasSyndicated()) {
            kind = ChangeKind.PUBLISHED;
        } else if (!visibleNow) {
            kind = switch (change.action()) {
                case DELETED -> ChangeKind.DELETED;
                case WITHDRAWN -> ChangeKind.WITHDRAWN;
                // An edit took it away: an expiry moved into the past, or rights that no longer allow syndication.
                default -> article.expired() ? ChangeKind.EXPIRED : ChangeKind.WITHDRAWN;
            };
        } else {
            kind = change.action() == ArticleChanged.Action.CORRECTED ? ChangeKind.CORRECTED : ChangeKind.UPDATED;
        }
        lockFeed();
        record(article, kind);
    }

    /**
     * A source edit changed what its articles inherit. Articles that follow the source's syndication flag appear
     * ({@code published}) or disappear ({@code withdrawn}) for partners when it flips; otherwise the syndicated
     * articles that inherit its rights or attribution are {@code updated}. One statement, however many articles.
     */
    void sourceChanged(@Observes SourceDefaultsChanged change) {
        boolean flipped = change.wasSyndicatable() != change.syndicatable();
        ChangeKind kind = !flipped ? ChangeKind.UPDATED
                : change.syndicatable() ? ChangeKind.PUBLISHED : ChangeKind.WITHDRAWN;
        String affected = flipped
                ? "a.syndicatable is null and " + ArticleVisibility.DUE
                : ArticleVisibility.SYNDICATED
                        + " and (a.attribution is null or a.copyright_holder is null or a.usage_terms is null)";
        lockFeed();
        entityManager.createNativeQuery(
                "insert into article_change (article_id, kind, version, at, slug, embargoed_until)"
                        + " select a.id, ?2, a.version, clock_timestamp(), a.slug,"
                        + " case when cast(?3 as boolean) and a.embargoed_until > now() then a.embargoed_until end"
                        + " from article a where a.source_id = ?1 and " + affected
                        + " order by a.published_at, a.id")
                .setParameter(1, change.sourceId())
                .setParameter(2, kind.toString())
                .setParameter(3, kind.keeps())
                .executeUpdate();
    }

    /**
     * Serialises writers of the change feed until their transaction ends; call it as late as possible, after every
     * other write of the transaction has been flushed.
     *
     * <p>Why: seq is taken from an identity when the row is inserted, but transactions commit in their own order.
     * Without the lock, a reader could see seq 11 committed while 10 is still in flight, move its cursor past 11 and
     * never see 10. Under the lock, the writer holding seq n commits before any other writer can take n + 1, so rows
     * become visible in seq order. The alternative, reading only below the oldest seq still in flight, needs a view
     * of other transactions that PostgreSQL does not give cheaply. The cost is that the last moments of article
     * writes (the insert, the audit row, the commit) run one at a time, which a newsroom's write rate allows. The
     * flush first means that no writer waits for a row lock while holding this one, so writers cannot deadlock.
     */
    void lockFeed() {
        entityManager.flush();
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) locked")
                .setParameter(1, CHANGE_FEED_LOCK)
                .getSingleResult();
    }

    /** Appends one change; the caller holds the lock ({@link #lockFeed()}). */
    void record(Snapshot article, ChangeKind kind) {
        // The time is the database's clock when the row is written under the lock, so that it grows with seq and a
        // page's Last-Modified never goes back; the editor's write time may be older than an earlier seq's.
        entityManager.createNativeQuery("""
                insert into article_change (article_id, kind, version, at, slug, embargoed_until)
                values (?1, ?2, ?3, clock_timestamp(), ?4, cast(?5 as timestamptz))""")
                .setParameter(1, article.id())
                .setParameter(2, kind.toString())
                .setParameter(3, article.version())
                .setParameter(4, article.slug())
                .setParameter(5, kind.keeps() ? article.embargoedUntil() : null)
                .executeUpdate();
    }
}

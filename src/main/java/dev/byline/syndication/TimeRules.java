package dev.byline.syndication;

import dev.byline.article.Article;
import dev.byline.article.ArticleChanged.Snapshot;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Announces on the change feed the articles whose expiry has passed. Lists and feeds already follow the clock in
 * their queries; this job only tells partners, a few seconds late at most. (Scheduled articles are published by the
 * article package's {@code ScheduledPublication}, which the change feed hears like any publication.)
 *
 * <p>Safe with several instances: the check runs again under the change feed's lock, so each expiry is announced
 * once.
 */
@ApplicationScoped
public class TimeRules {

    private final EntityManager entityManager;
    private final ChangeLog log;
    private final Clock clock;

    public TimeRules(EntityManager entityManager, ChangeLog log, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.log = log;
    }

    @Scheduled(every = "${byline.syndication.time-rules-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void apply() {
        Instant now = clock.instant();
        // Expired articles that partners still hold: their latest change left them in place. V4's article_expires_idx
        // and article_change_article_idx serve this query; their comments name it TimeRules.announceExpiries, a name
        // it never had in the code. Applied migrations are left as they ran: Flyway checksums them.
        @SuppressWarnings("unchecked")
        List<UUID> expired = entityManager.createNativeQuery("""
                select a.id from article a
                where a.status = 'published' and a.expires_at <= now()
                  and (select c.kind from article_change c where c.article_id = a.id order by c.seq desc limit 1)
                      in ('published', 'updated', 'corrected')""").getResultList();
        if (expired.isEmpty()) {
            return;
        }
        log.lockFeed();
        // Checked again under the lock: another instance may have announced them meanwhile.
        @SuppressWarnings("unchecked")
        List<UUID> stillHeld = entityManager.createNativeQuery("""
                select a.id from article a
                where a.id in (?1)
                  and (select c.kind from article_change c where c.article_id = a.id order by c.seq desc limit 1)
                      in ('published', 'updated', 'corrected')""").setParameter(1, expired).getResultList();
        for (Article article : Article.findWithSources(stillHeld)) {
            log.record(Snapshot.of(article, now), ChangeKind.EXPIRED);
        }
    }
}

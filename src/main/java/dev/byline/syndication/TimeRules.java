package dev.byline.syndication;

import dev.byline.article.Article;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Makes time-driven changes visible on the change feed: a scheduled article whose time has come is published, and
 * an article whose expiry has passed is announced as expired. Lists and feeds already follow the clock in their
 * queries; this job only tells partners, a few seconds late at most.
 *
 * <p>Safe with several instances: the promotion re-checks the status under the row lock, and the expiry check runs
 * under the change feed's lock, so each change is announced once.
 */
@ApplicationScoped
public class TimeRules {

    private final EntityManager entityManager;
    private final ChangeLog log;

    public TimeRules(EntityManager entityManager, ChangeLog log) {
        this.entityManager = entityManager;
        this.log = log;
    }

    @Scheduled(every = "${byline.syndication.time-rules-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void apply() {
        Instant now = Instant.now();
        // Stored as 'published' from now on, so this runs once per article. The version moves too: an editor's
        // write that read the row before this commit would otherwise pass its version check and store
        // 'scheduled' again, and the next run would announce the article a second time. That editor now gets the
        // usual 412-style conflict and retries on the current version.
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("""
                update article set status = 'published', version = version + 1
                where status = 'scheduled' and published_at <= now()
                returning id""").getResultList();
        // Expired articles that partners still hold: their latest change left them in place. V4's article_expires_idx
        // and article_change_article_idx serve this query; their comments name it TimeRules.announceExpiries, a name
        // it never had in the code. Applied migrations are left as they ran: Flyway checksums them.
        @SuppressWarnings("unchecked")
        List<UUID> expired = entityManager.createNativeQuery("""
                select a.id from article a
                where a.status = 'published' and a.expires_at <= now()
                  and (select c.kind from article_change c where c.article_id = a.id order by c.seq desc limit 1)
                      in ('published', 'updated', 'corrected')""").getResultList();
        if (due.isEmpty() && expired.isEmpty()) {
            return;
        }
        log.lockFeed();
        for (Article article : Article.findWithSources(due)) {
            if (article.isSyndicated(now)) {
                log.record(article, ChangeKind.PUBLISHED, now);
            }
        }
        // Checked again under the lock: another instance may have announced them meanwhile.
        @SuppressWarnings("unchecked")
        List<UUID> stillHeld = expired.isEmpty() ? List.of() : entityManager.createNativeQuery("""
                select a.id from article a
                where a.id in (?1)
                  and (select c.kind from article_change c where c.article_id = a.id order by c.seq desc limit 1)
                      in ('published', 'updated', 'corrected')""").setParameter(1, expired).getResultList();
        for (Article article : Article.findWithSources(stillHeld)) {
            log.record(article, ChangeKind.EXPIRED, now);
        }
    }
}

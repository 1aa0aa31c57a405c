package dev.byline.article;

import dev.byline.StoredTime;
import dev.byline.article.ArticleChanged.Action;
import dev.byline.article.ArticleChanged.Snapshot;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stores a scheduled article as published once its time has come, and tells observers (the change feed) as for an
 * editor's publication. Readers do not wait for it: lists, feeds and reads already follow the clock
 * ({@link ArticleVisibility#IS_DUE}); this job makes the stored status and the change feed catch up, a few seconds
 * late at most.
 *
 * <p>Safe with several instances: the update re-checks the status under the row lock, so each article is promoted,
 * and announced, once.
 */
@ApplicationScoped
public class ScheduledPublication {

    private final EntityManager entityManager;
    private final Event<ArticleChanged> changes;
    private final Clock clock;

    public ScheduledPublication(EntityManager entityManager, Event<ArticleChanged> changes, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.changes = changes;
    }

    @Scheduled(every = "${byline.syndication.time-rules-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void publishDue() {
        Instant now = StoredTime.now(clock);
        // Stored as 'published' from now on, so this runs once per article. The version moves too: an editor's
        // write that read the row before this commit would otherwise pass its version check and store
        // 'scheduled' again, and the next run would announce the article a second time. That editor now gets the
        // usual 412-style conflict and retries on the current version.
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("""
                update article set status = 'published', version = version + 1
                where status = 'scheduled' and published_at <= now()
                returning id""").getResultList();
        for (Article article : Article.findWithSources(due)) {
            // Nobody was told of it before its time: for partners, it appears now (if its rights allow).
            changes.fire(new ArticleChanged(Snapshot.of(article, now), Action.PUBLISHED, false, now));
        }
    }
}

package dev.byline.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An article's life on the entity itself, without HTTP or a database: publish, schedule, withdraw, correct, delete. */
class ArticleLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(1);

    @Test
    void aDraftIsPublishedNowAndATimeWithinTheSkewCountsAsNow() {
        Article article = draft();
        article.publish(NOW.plusSeconds(30), null, NOW, SKEW);
        assertEquals(ArticleStatus.PUBLISHED, article.status);
        assertEquals(NOW, article.publishedAt);
        assertEquals(NOW, article.updatedAt);
        assertTrue(article.isPublic(NOW));
    }

    @Test
    void aLaterTimeSchedulesItAndItShowsFromThatTime() {
        Article article = draft();
        Instant at = NOW.plus(Duration.ofHours(1));
        article.publish(at, null, NOW, SKEW);
        assertEquals(ArticleStatus.SCHEDULED, article.status);
        assertFalse(article.isPublic(NOW));
        assertTrue(article.isPublic(at));
        assertEquals(ArticleStatus.PUBLISHED, article.effectiveStatus(at));
    }

    @Test
    void publishingTwiceOrInThePastIsRefusedAndChangesNothing() {
        Article article = draft();
        article.publish(null, null, NOW, SKEW);
        Instant later = NOW.plusSeconds(60);
        assertEquals(ProblemType.CONFLICT, assertThrows(ProblemException.class,
                () -> article.publish(null, null, later, SKEW)).type());
        assertEquals(NOW, article.updatedAt);

        Article other = draft();
        assertEquals(ProblemType.VALIDATION, assertThrows(ProblemException.class,
                () -> other.publish(NOW.minus(Duration.ofHours(1)), null, NOW, SKEW)).type());
        assertEquals(ProblemType.VALIDATION, assertThrows(ProblemException.class,
                () -> other.publish(null, NOW, NOW, SKEW)).type());
        assertEquals(ArticleStatus.DRAFT, other.status);
    }

    @Test
    void aRepublishedArticleKeepsItsFirstPublicationTime() {
        Article article = draft();
        article.publish(null, null, NOW, SKEW);
        article.withdraw("  Legal.  ", NOW.plusSeconds(60));
        assertEquals(ArticleStatus.WITHDRAWN, article.status);
        assertEquals("Legal.", article.withdrawalReason);
        assertEquals(ArticleAccess.WITHDRAWN, ArticleAccess.of(article, Audience.PUBLIC, NOW.plusSeconds(90)));

        article.publish(null, null, NOW.plusSeconds(120), SKEW);
        assertEquals(ArticleStatus.PUBLISHED, article.status);
        assertEquals(NOW, article.publishedAt);
        assertNull(article.withdrawnAt);
        assertNull(article.withdrawalReason);
    }

    @Test
    void onlyPublishedOrScheduledArticlesCanBeWithdrawn() {
        Article article = draft();
        assertEquals(ProblemType.CONFLICT, assertThrows(ProblemException.class,
                () -> article.withdraw("Legal.", NOW)).type());
        assertEquals(ArticleStatus.DRAFT, article.status);

        article.publish(NOW.plus(Duration.ofHours(1)), null, NOW, SKEW);
        article.withdraw("Spiked.", NOW);
        // Withdrawn before anybody could read it: not gone, unknown.
        assertEquals(ArticleAccess.HIDDEN, ArticleAccess.of(article, Audience.PUBLIC, NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void aCorrectionIsAppendedWithItsTime() {
        Article article = draft();
        article.correct("  The minister's name was misspelt.  ", NOW);
        assertEquals(1, article.corrections.size());
        assertEquals("The minister's name was misspelt.", article.corrections.get(0).text);
        assertEquals(NOW, article.corrections.get(0).createdAt);
        assertEquals(NOW, article.updatedAt);
    }

    @Test
    void aTombstoneRemembersWhoCouldReadIt() {
        Article article = draft();
        article.publish(null, NOW.plus(Duration.ofHours(1)), NOW, SKEW);
        ArticleTombstone underEmbargo = article.tombstone(NOW.plusSeconds(60));
        assertFalse(underEmbargo.shownTo(false), "the public never saw it");
        assertTrue(underEmbargo.shownTo(true), "partners held it");
        assertEquals(article.id, underEmbargo.id);
    }

    private static Article draft() {
        Article article = new Article();
        article.id = UUID.randomUUID();
        article.slug = "lifecycle";
        article.status = ArticleStatus.DRAFT;
        article.createdAt = NOW.minus(Duration.ofDays(1));
        article.updatedAt = article.createdAt;
        return article;
    }
}

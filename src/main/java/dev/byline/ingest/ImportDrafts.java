package dev.byline.ingest;

import dev.byline.StoredTime;
import dev.byline.article.Article;
import dev.byline.article.ArticleActions.CorrectionInput;
import dev.byline.article.ArticleInput;
import dev.byline.article.ArticlePatch;
import dev.byline.article.ArticleService;
import dev.byline.article.ArticleView;
import dev.byline.audit.AuditSubject;
import dev.byline.web.IfMatch;
import dev.byline.audit.Audited;
import dev.byline.source.Rights;
import dev.byline.source.RightsPatch;
import dev.byline.web.MergePatch.Field;
import dev.byline.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes imported stories as drafts through {@link ArticleService}, so that they follow every rule of articles written
 * by hand (validation, sanitised HTML, slugs, the change feed, cache eviction, the audit log). Each write is a
 * transaction of its own, with the keys that will recognise the item when it is sent again: one refused item of a
 * feed changes nothing and leaves the others be.
 */
@ApplicationScoped
public class ImportDrafts {

    private static final int MAX_CORRECTION = 2000;

    private final ArticleService articles;
    private final Clock clock;

    public ImportDrafts(ArticleService articles, Clock clock) {
        this.clock = clock;
        this.articles = articles;
    }

    /**
     * What a write did.
     *
     * @param id the article
     * @param article the article after the write; null when nothing was written
     * @param changed whether the headline or body changed
     * @param corrected whether a correction note was added
     */
    public record Written(UUID id, ArticleView article, boolean changed, boolean corrected) implements AuditSubject {

        @Override
        public String auditId() {
            return id.toString();
        }
    }

    /** A new draft, with its keys; a key taken meanwhile by the same item imported at once fails the whole write. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Audited(action = "article.import", target = "article")
    public Written create(ImportKeys keys, ArticleInput draft) {
        ArticleView article = articles.create(draft);
        Instant now = StoredTime.now(clock);
        if (keys.origin() != null) {
            ImportKey.of(ImportKey.Kind.ORIGIN, keys.origin(), article.id(), keys.form(), keys.version(),
                    keys.versionAt(), now).persist();
        }
        ImportKey.of(ImportKey.Kind.TEXT, keys.fingerprint(), article.id(), keys.form(), null, null, now)
                .persistAndFlush();
        return new Written(article.id(), article, true, false);
    }

    /**
     * A newer version of an item imported before: the fields it carries replace the article's (headline and body
     * always; byline, dateline, standfirst, tags, source, attribution, citations and rights when it has them), and an
     * article the public or partners have seen gets a correction note when its headline or body changed. The origin key is locked, so that two
     * newer versions arriving at once are applied in turn; one found to be no longer newer writes nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Audited(action = "article.import", target = "article")
    public Written update(ImportKeys keys, ArticleInput draft) {
        ImportKey origin = ImportKey.lockOrigin(keys.origin()).orElseThrow(() -> ProblemException.conflict(
                "The article imported from '" + keys.origin() + "' was deleted while this import ran; send it again."));
        if (VersionOrder.of(origin.version, origin.versionAt, keys.version(), keys.versionAt()) != VersionOrder.NEWER) {
            return new Written(origin.articleId, null, false, false);
        }
        Instant now = StoredTime.now(clock);
        Article article = Article.<Article>findByIdOptional(origin.articleId).orElseThrow(() -> ProblemException.conflict(
                "The article imported from '" + keys.origin() + "' was deleted while this import ran; send it again."));
        boolean textChanged = !TextFingerprint.of(article.headline, article.bodyText).equals(keys.fingerprint());
        boolean seen = article.wasShownTo(true, now);
        long before = article.version;
        String id = origin.articleId.toString();
        ArticleView view = articles.update(id, patch(draft), IfMatch.version(before));
        boolean corrected = false;
        if (textChanged && seen) {
            view = articles.correct(id, new CorrectionInput(correctionNote(origin, keys)), IfMatch.ABSENT);
            corrected = true;
        }
        origin.version = keys.version();
        origin.versionAt = keys.versionAt();
        origin.form = keys.form();
        origin.updatedAt = now;
        ImportKey.recordIfFree(ImportKey.Kind.TEXT, keys.fingerprint(), origin.articleId, keys.form(), null, null, now);
        return new Written(origin.articleId, view, textChanged, corrected);
    }

    /**
     * Remembers that {@code keys.origin()} is another name of an article whose text arrived before under another (or
     * no) identifier, so that later versions sent under it update that article. Changes no article, so not audited.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean adopt(UUID articleId, ImportKeys keys) {
        return ImportKey.recordIfFree(ImportKey.Kind.ORIGIN, keys.origin(), articleId, keys.form(), keys.version(),
                keys.versionAt(), StoredTime.now(clock));
    }

    /** The merge patch that applies a newer version: what it carries replaces, what it lacks stays. */
    private static ArticlePatch patch(ArticleInput draft) {
        Rights rights = draft.rights();
        Field<RightsPatch> rightsPatch = rights == null ? Field.absent() : Field.of(new RightsPatch(
                given(rights.copyrightHolder()), given(rights.usageTerms()), Field.absent()));
        return new ArticlePatch(Field.absent(), Field.of(draft.headline()), given(draft.standfirst()),
                Field.of(draft.bodyHtml()), Field.of(draft.bodyText()), given(draft.byline()), given(draft.dateline()),
                Field.absent(), nonEmpty(draft.tags()), Field.of(draft.language()), Field.absent(),
                given(draft.source()), given(draft.attribution()), nonEmpty(draft.citedSources()), rightsPatch,
                given(draft.canonicalUrl()), Field.absent(), Field.absent());
    }

    /** A value the version carries replaces the article's; one it lacks leaves it. */
    private static <T> Field<T> given(T value) {
        return value == null ? Field.absent() : Field.of(value);
    }

    private static <T> Field<List<T>> nonEmpty(List<T> values) {
        return values == null || values.isEmpty() ? Field.absent() : Field.of(values);
    }

    private static String correctionNote(ImportKey origin, ImportKeys keys) {
        String note = keys.version() != null
                ? "Updated to version " + keys.version() + " of the provider's story"
                        + (origin.version != null ? " (was version " + origin.version + ")" : "") + "."
                : "Updated with the provider's version of " + keys.versionAt() + ".";
        return note.length() <= MAX_CORRECTION ? note : note.substring(0, MAX_CORRECTION - 1) + "…";
    }
}

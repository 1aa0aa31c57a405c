package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.SiteLinks;
import dev.byline.StoredTime;
import dev.byline.article.ArticleActions.CorrectionInput;
import dev.byline.article.ArticleActions.PublishRequest;
import dev.byline.article.ArticleActions.WithdrawRequest;
import dev.byline.article.ArticleInput.CitationInput;
import dev.byline.audit.Audited;
import dev.byline.database.TimeOrderedIds;
import dev.byline.source.Rights;
import dev.byline.source.Source;
import dev.byline.web.CursorCodec;
import dev.byline.web.InputValidator;
import dev.byline.web.Page;
import dev.byline.web.IfMatch;
import dev.byline.web.Problem.FieldError;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.Representations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

/** The newsroom's rules for articles: creation, edits under If-Match, publication, withdrawal, corrections, deletion. */
@ApplicationScoped
public class ArticleService {

    private final InputValidator validator;
    private final ArticleListing listing;
    private final Event<ArticleChanged> changes;
    private final ArticleReader reader;
    private final StoredRenditions stored;
    private final ReadCaches caches;
    private final Representations representations;
    private final SearchLanguages languages;
    private final SiteLinks site;
    /** A publish time this close to now counts as now: clocks of editors' machines drift. */
    private final Duration clockSkew;
    private final Clock clock;

    public ArticleService(InputValidator validator, CursorCodec cursors,
            Event<ArticleChanged> changes, BylineConfig config, ArticleReader reader, ReadCaches caches,
            Representations representations, SearchLanguages languages, SiteLinks site, StoredRenditions stored,
            Clock clock) {
        this.clock = clock;
        this.reader = reader;
        this.stored = stored;
        this.site = site;
        this.languages = languages;
        this.caches = caches;
        this.representations = representations;
        this.validator = validator;
        this.listing = new ArticleListing(cursors, languages, site);
        this.changes = changes;
        this.clockSkew = config.publishClockSkew();
    }

    /** What a reader asked for: the article, or the slug it now lives at. */
    public sealed interface Lookup {
        /**
         * The article's JSON; {@code shared} when anybody may read it (published, out of embargo, not expired), so
         * that shared caches may keep it.
         */
        record Found(ReadCaches.Rendition article, boolean shared) implements Lookup {
        }

        /** An old slug: the article now lives at {@code slug}. */
        record Moved(String slug) implements Lookup {
        }
    }

    @Transactional
    public Page<ArticleSummary> list(ArticleQuery query) {
        return listing.page(query, now());
    }

    /**
     * Reads an article by id or slug; drafts and unknown ids are 404 to the public, deleted ones 410, and a partner
     * also sees what is syndicated to it under embargo. What anybody may read comes from memory when this instance
     * has rendered it before; otherwise one plain SQL statement, no transaction.
     */
    public Lookup read(String idOrSlug, Readership readership) {
        boolean mayReadUnpublished = readership.editor();
        boolean partner = readership.partner();
        Instant now = now();
        Optional<Lookup> cached = readFromMemory(idOrSlug);
        if (cached.isPresent()) {
            return cached.get();
        }
        long readAt = caches.generation();
        // The common case in one statement; only a miss looks further, for a tombstone.
        ArticleReader.Read read = reader.find(idOrSlug)
                .orElseThrow(() -> goneOrNotFound(idOrSlug, mayReadUnpublished, partner));
        Article article = read.article();
        boolean isPublic = article.isPublic(now);
        if (isPublic && stored.serves(read.stored())) {
            // Another read (on any instance) rendered it since it last changed: its bytes are the answer.
            ArticleReader.Stored bytes = read.stored();
            ReadCaches.Rendition rendition = ReadCaches.Rendition.stored(article.id, article.slug, article.version,
                    bytes.gzip(), bytes.length(), bytes.tag(), bytes.validUntil());
            caches.keep(idOrSlug, rendition, readAt);
            return found(idOrSlug, rendition, true);
        }
        if (read.stored() != null) {
            // Stored by another renderer, or no longer for everybody: read what to render from.
            read = reader.findToRender(idOrSlug).orElseThrow(() -> goneOrNotFound(idOrSlug, mayReadUnpublished, partner));
            article = read.article();
            isPublic = article.isPublic(now);
        }
        if (!mayReadUnpublished) {
            switch (ArticleAccess.of(article, partner, now)) {
                case SHOWN -> {
                    // read on
                }
                case WITHDRAWN -> throw new ProblemException(ProblemType.GONE, "This article was withdrawn on "
                        + article.withdrawnAt + ": " + article.withdrawalReason);
                case EXPIRED -> throw new ProblemException(ProblemType.GONE, "This article expired on "
                        + article.expiresAt + ".");
                case HIDDEN -> throw notFound(idOrSlug);
            }
        }
        byte[] json = representations.json(ArticleView.from(article, now, site));
        // Kept until the article expires, or one of its language versions appears or goes by a time rule.
        Instant validUntil = article.translationsChangeAfter(now);
        if (article.expiresAt != null && article.expiresAt.isBefore(validUntil)) {
            validUntil = article.expiresAt;
        }
        ReadCaches.Rendition rendition = ReadCaches.Rendition.of(article.id, article.slug, article.version, json,
                Representations.versionTag(article.version, json), validUntil);
        if (isPublic) {
            ReadCaches.Rendition packed = rendition.packed(); // compressed once, for memory and the database
            caches.keep(idOrSlug, packed, readAt);
            stored.store(packed, read.epoch());
        }
        return found(idOrSlug, rendition, isPublic);
    }

    /**
     * The article from memory, when this instance rendered it and it is still public: the same answer for every
     * caller, without touching the database; empty when {@link #read} must look.
     */
    public Optional<Lookup> readFromMemory(String idOrSlug) {
        return caches.article(idOrSlug, now()).map(rendition -> found(idOrSlug, rendition, true));
    }

    private static Lookup found(String askedFor, ReadCaches.Rendition rendition, boolean shared) {
        if (IdOrSlug.of(askedFor).isFormerSlug(rendition.slug())) {
            return new Lookup.Moved(rendition.slug());
        }
        return new Lookup.Found(rendition, shared);
    }

    @Transactional
    @Audited(action = "article.create", target = "article")
    public ArticleView create(ArticleInput input) {
        validator.validate(input);
        Instant now = now();
        Article article = new Article();
        article.id = TimeOrderedIds.next();
        article.status = ArticleStatus.DRAFT;
        article.createdAt = now;
        article.slug = input.slug() != null ? ArticleSlug.claim(input.slug())
                : ArticleSlug.freeFrom(Slugs.fromHeadline(input.headline()));
        apply(article, input, now);
        article.persist();
        ArticleSlug.record(article, now);
        flush(article);
        if (article.translationOf != null) {
            rereadTranslations(article);
        }
        return ArticleView.from(article, now, site);
    }

    @Transactional
    @Audited(action = "article.update", target = "article")
    public ArticleView update(String idOrSlug, ArticlePatch patch, IfMatch ifMatch) {
        return write(idOrSlug, ifMatch, true, ArticleChanged.Action.UPDATED, (article, now) -> {
            if (patch.sendsBothBodies()) {
                throw bothBodies();
            }
            ArticleInput current = ArticleInput.of(article);
            ArticleInput merged = validator.validate(patch.applyTo(current));
            if (merged.translationOf() != null) {
                // The original may be named by slug: the same original is no change.
                merged = merged.withTranslationOf(ArticleSlug.articleIdOf(merged.translationOf()).map(UUID::toString)
                        .orElse(merged.translationOf()));
            }
            if (merged.equals(current)) {
                return false;
            }
            if (merged.slug() == null) {
                throw ProblemException.invalidBody("slug", "cannot be removed; give a new slug instead");
            }
            ArticleSlug.move(article, merged.slug(), now);
            UUID originalBefore = article.translationOf;
            forgetTranslations(article);
            apply(article, merged, now);
            flush(article);
            if (!Objects.equals(originalBefore, article.translationOf)) {
                rereadTranslations(article);
            }
            return true;
        }).view();
    }

    @Transactional
    @Audited(action = "article.publish", target = "article")
    public ArticleView publish(String idOrSlug, PublishRequest request, IfMatch ifMatch) {
        return write(idOrSlug, ifMatch, false, ArticleChanged.Action.PUBLISHED, (article, now) -> {
            article.publish(request == null ? null : request.publishAt(),
                    request == null ? null : request.embargoedUntil(), now, clockSkew);
            forgetTranslations(article);
            return true;
        }).view();
    }

    @Transactional
    @Audited(action = "article.withdraw", target = "article")
    public ArticleView withdraw(String idOrSlug, WithdrawRequest request, IfMatch ifMatch) {
        validator.validate(request);
        return write(idOrSlug, ifMatch, false, ArticleChanged.Action.WITHDRAWN, (article, now) -> {
            article.withdraw(request.reason(), now);
            forgetTranslations(article);
            return true;
        }).view();
    }

    @Transactional
    @Audited(action = "article.correct", target = "article")
    public ArticleView correct(String idOrSlug, CorrectionInput input, IfMatch ifMatch) {
        validator.validate(input);
        return write(idOrSlug, ifMatch, false, ArticleChanged.Action.CORRECTED, (article, now) -> {
            article.correct(input.text(), now);
            return true;
        }).view();
    }

    @Transactional
    @Audited(action = "article.delete", target = "article")
    public void delete(String idOrSlug, IfMatch ifMatch) {
        write(idOrSlug, ifMatch, true, ArticleChanged.Action.DELETED, (article, now) -> {
            article.tombstone(now).persist();
            forgetTranslations(article);
            article.delete();
            return true;
        });
    }

    /** One write to an existing article, applied at {@code now}; false when it turned out to change nothing. */
    @FunctionalInterface
    private interface Change {
        boolean apply(Article article, Instant now);
    }

    /** An article as a write left it, the time of the write, and the site its page would be on. */
    private record Written(Article article, Instant now, SiteLinks site) {
        ArticleView view() {
            return ArticleView.from(article, now, site);
        }
    }

    /**
     * Every write to an existing article: find it for writing (410 if deleted), check If-Match (required, or only
     * when sent), take the time, apply the change, flush, and tell observers what partners could see before and
     * what now ({@link ArticleChanged}, in the same transaction). A change that changes nothing is not told.
     */
    private Written write(String idOrSlug, IfMatch ifMatch, boolean ifMatchRequired, ArticleChanged.Action action,
            Change change) {
        Article article = forWrite(idOrSlug);
        if (ifMatchRequired) {
            ifMatch.require(article.version, "article");
        } else {
            ifMatch.check(article.version, "article");
        }
        Instant now = now();
        boolean wasSyndicated = article.isSyndicated(now);
        if (change.apply(article, now)) {
            flush(article);
            changes.fire(new ArticleChanged(ArticleChanged.Snapshot.of(article, now), action, wasSyndicated, now));
        }
        return new Written(article, now, site);
    }

    private Article forWrite(String idOrSlug) {
        UUID id = ArticleSlug.articleIdOf(idOrSlug).orElseThrow(() -> notFound(idOrSlug));
        return Article.findWithSource(id).orElseThrow(() -> goneOrNotFound(idOrSlug, true, false));
    }

    private void apply(Article article, ArticleInput input, Instant now) {
        if (input.bodyHtml() != null && input.bodyText() != null) {
            throw bothBodies();
        }
        ArticleBody body = input.bodyHtml() != null ? ArticleBody.fromHtml(input.bodyHtml())
                : input.bodyText() != null ? ArticleBody.fromText(input.bodyText()) : ArticleBody.EMPTY;
        Map<String, Source> sources = resolveSources(input);
        article.headline = input.headline().strip();
        article.standfirst = blankToNull(input.standfirst());
        article.bodyHtml = body.html();
        article.bodyText = body.text();
        article.wordCount = body.wordCount();
        article.byline = blankToNull(input.byline());
        article.dateline = blankToNull(input.dateline());
        article.section = input.section();
        article.tags = input.tags() == null ? List.of() : input.tags().stream().distinct().toList();
        String language = input.language() == null ? "en" : input.language();
        translate(article, input.translationOf(), language);
        article.language = language;
        languages.seen(article.language);
        article.source = input.source() == null ? null : sources.get(input.source());
        article.attribution = blankToNull(input.attribution());
        Rights rights = input.rights();
        article.copyrightHolder = rights == null ? null : blankToNull(rights.copyrightHolder());
        article.usageTerms = rights == null ? null : blankToNull(rights.usageTerms());
        article.syndicatable = rights == null ? null : rights.syndicatable();
        article.canonicalUrl = input.canonicalUrl();
        article.commentsOpen = input.commentsOpen() == null || input.commentsOpen();
        article.expiresAt = StoredTime.of(input.expiresAt());
        replaceCitations(article, input.citedSources() == null ? List.of() : input.citedSources(), sources);
        article.updatedAt = now;
    }

    /**
     * Makes the article the translation of the original {@code named} (an id or a slug; null: an original itself) in
     * {@code language}, keeping every set of language versions to one original, never itself a translation, and
     * one article per language. Checked only when the original or the language changes.
     */
    private static void translate(Article article, String named, String language) {
        UUID original = named == null ? null
                : ArticleSlug.articleIdOf(named).orElseThrow(() -> unknownOriginal(named));
        if (Objects.equals(original, article.translationOf) && language.equals(article.language)) {
            return;
        }
        List<Translation> others;
        if (original == null) {
            others = article.translationOf == null ? article.allTranslations() : List.of();
        } else {
            if (original.equals(article.id)) {
                throw ProblemException.invalidBody("translationOf", "cannot name the article itself");
            }
            if (article.translationOf == null && !article.allTranslations().isEmpty()) {
                throw ProblemException.invalidBody("translationOf", "this article is the original of "
                        + article.allTranslations().size() + " translation(s); an original cannot also be a translation");
            }
            Article target = Article.<Article>findByIdOptional(original).orElseThrow(() -> unknownOriginal(named));
            if (target.translationOf != null) {
                throw ProblemException.invalidBody("translationOf", "names a translation; name its original, "
                        + target.translationOf + ", instead");
            }
            others = new ArrayList<>(target.allTranslations());
            others.add(new Translation(target.id, target.slug, target.language, target.headline, true));
        }
        for (Translation other : others) {
            if (!other.id().equals(article.id) && other.language().equals(language)) {
                throw new ProblemException(ProblemType.CONFLICT, "Article '" + other.slug() + "' is already the "
                        + (other.original() ? "original" : "translation") + " in '" + language
                        + "' of this set of language versions; one article per language.",
                        List.of(new FieldError("body", Objects.equals(original, article.translationOf) ? "language"
                                : "translationOf",
                                "another article of the set is in '" + language + "'")), Map.of());
            }
        }
        article.translationOf = original;
    }

    /** Flushes a write, answering a concurrent write that took the same language of a set with 409, not 500. */
    private static void flush(Article article) {
        try {
            article.flush();
        } catch (PersistenceException e) {
            Throwable cause = e instanceof ConstraintViolationException ? e : e.getCause();
            if (cause instanceof ConstraintViolationException violation
                    && "article_translation_idx".equals(violation.getConstraintName())) {
                throw new ProblemException(ProblemType.CONFLICT, "Another translation of the same original in '"
                        + article.language + "' was saved meanwhile; one article per language.",
                        List.of(new FieldError("body", "translationOf", "the original has a translation in '"
                                + article.language + "'")), Map.of());
            }
            throw e;
        }
    }

    /** Reads the article's language versions again after a write that moved it to another set. */
    private void rereadTranslations(Article article) {
        Object json = Article.getEntityManager()
                .createNativeQuery("select cast(byline_article_translations(?1, ?2) as text)")
                .setParameter(1, article.id).setParameter(2, article.translationOf).getSingleResult();
        article.translationsRead((String) json);
        forgetTranslations(article);
    }

    /**
     * The other language versions show this article (its slug, language, headline, whether it is readable): what this
     * instance rendered of them is stale once this write commits. Other instances hear it from V15's trigger.
     */
    private void forgetTranslations(Article article) {
        article.allTranslations().forEach(t -> caches.writingArticle(t.id()));
    }

    private static ProblemException unknownOriginal(String named) {
        return ProblemException.invalidBody("translationOf", "no article is '" + named + "'");
    }

    /** Replaces the citations in place, reusing rows so that an unchanged list writes nothing. */
    private static void replaceCitations(Article article, List<CitationInput> inputs, Map<String, Source> sources) {
        List<CitedSource> existing = article.citedSources;
        for (int i = 0; i < inputs.size(); i++) {
            CitationInput in = inputs.get(i);
            CitedSource citation = i < existing.size() ? existing.get(i) : new CitedSource();
            citation.article = article;
            citation.position = i;
            citation.source = sources.get(in.source());
            citation.role = in.role();
            citation.note = blankToNull(in.note());
            citation.url = in.url();
            if (i >= existing.size()) {
                existing.add(citation);
            }
        }
        while (existing.size() > inputs.size()) {
            existing.remove(existing.size() - 1);
        }
    }

    /** Every source the input names, in one query; unknown slugs are reported field by field. */
    private static Map<String, Source> resolveSources(ArticleInput input) {
        Set<String> slugs = new HashSet<>();
        if (input.source() != null) {
            slugs.add(input.source());
        }
        List<CitationInput> citations = input.citedSources() == null ? List.of() : input.citedSources();
        citations.forEach(c -> slugs.add(c.source()));
        Map<String, Source> found = Source.findBySlugs(slugs).stream()
                .collect(Collectors.toMap(s -> s.slug, Function.identity()));
        List<FieldError> errors = new ArrayList<>();
        if (input.source() != null && !found.containsKey(input.source())) {
            errors.add(new FieldError("body", "source", "no source has slug '" + input.source() + "'"));
        }
        for (int i = 0; i < citations.size(); i++) {
            if (!found.containsKey(citations.get(i).source())) {
                errors.add(new FieldError("body", "citedSources[" + i + "].source",
                        "no source has slug '" + citations.get(i).source() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' names an unknown source; create it with POST /api/v1/sources first."
                    : errors.size() + " fields name unknown sources; create them with POST /api/v1/sources first.",
                    errors, Map.of());
        }
        return found;
    }

    /** 410 for a deleted article the caller could have seen (editors: any), 404 for everything else. */
    private static ProblemException goneOrNotFound(String asked, boolean editor, boolean partner) {
        return ArticleTombstone.findFor(asked)
                .filter(t -> editor || t.shownTo(partner))
                .map(t -> new ProblemException(ProblemType.GONE, "This article was deleted on " + t.deletedAt + "."))
                .orElseGet(() -> notFound(asked));
    }

    private static ProblemException notFound(String asked) {
        return ProblemException.notFound("There is no article '" + asked + "'.");
    }

    private static ProblemException bothBodies() {
        return ProblemException.invalidBody("bodyHtml", "send either bodyHtml or bodyText, not both");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    Instant now() {
        return StoredTime.now(clock);
    }
}

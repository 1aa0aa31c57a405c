package dev.byline.article;

import dev.byline.SiteLinks;
import dev.byline.StoredTime;
import dev.byline.source.Rights;
import dev.byline.source.Source;
import dev.byline.web.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OptimisticLock;
import org.hibernate.type.SqlTypes;

/**
 * A news article with its provenance: originating source, attribution, cited outlets and rights.
 *
 * <p>Updates write only the columns that changed: an editor's edit and a moderator's comment settings (which are
 * outside the version, see {@link #commentsOpen}) then never write back each other's stale values.
 */
@Entity
@Table(name = "article")
@DynamicUpdate
public class Article extends PanacheEntityBase {

    @Id
    public UUID id;

    public String slug;
    public String headline;
    public String standfirst;

    @Column(name = "body_html")
    public String bodyHtml = "";

    @Column(name = "body_text")
    public String bodyText = "";

    public String byline;
    public String dateline;
    public String section;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = List.of();

    public String language = "en";

    /** The article this one is a translation of (its original); null for an original. */
    @Column(name = "translation_of")
    public UUID translationOf;

    /**
     * The other language versions of this article, with what decides who may see them, read in the same statement as
     * the article wherever it is loaded (V15's byline_article_translations; {@link ArticleReader} selects the same).
     */
    @Formula("byline_article_translations(id, translation_of)")
    String translationsJson;

    @Transient
    private Translations translations;

    /** Stored status; a scheduled article whose time has passed is public, see {@link #effectiveStatus(Instant)}. */
    @Convert(converter = ArticleStatus.AsText.class)
    public ArticleStatus status;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawal_reason")
    public String withdrawalReason;

    /** Partners may hold the story before this time; the public sees nothing until it passes. */
    @Column(name = "embargoed_until")
    public Instant embargoedUntil;

    /** After this time the story leaves every list and feed, and partners must take it down. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "source_id")
    public Source source;

    /** Overrides the source's default attribution line when set. */
    public String attribution;

    @Column(name = "copyright_holder")
    public String copyrightHolder;

    @Column(name = "usage_terms")
    public String usageTerms;

    public Boolean syndicatable;

    @Column(name = "canonical_url")
    public String canonicalUrl;

    /**
     * Whether readers may comment. Like the comment count and the moderation mode, this is the thread's state, not
     * the article's: changing it moves neither the version (no 412 for an editor's edit in flight, nothing on the
     * change feed for partners to fetch) nor updated_at.
     */
    @Column(name = "comments_open")
    @OptimisticLock(excluded = true)
    public boolean commentsOpen = true;

    /** Approved comments; only the comment service changes it, by SQL increments in the same transaction. */
    @Column(name = "comment_count", insertable = false, updatable = false)
    public int commentCount;

    /** {@code pre} or {@code post} moderation of comments; null means the configured default. Outside the version. */
    @Column(name = "comment_moderation")
    @OptimisticLock(excluded = true)
    public String commentModeration;

    @Column(name = "word_count")
    public int wordCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @BatchSize(size = 100)
    public List<CitedSource> citedSources = new ArrayList<>();

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    @BatchSize(size = 100)
    public List<Correction> corrections = new ArrayList<>();

    public ArticleStatus effectiveStatus(Instant now) {
        return status == ArticleStatus.SCHEDULED && publishedAt != null && !publishedAt.isAfter(now)
                ? ArticleStatus.PUBLISHED : status;
    }

    /**
     * Publishes now, or schedules for {@code at} when that is further ahead than {@code skew} (a publish time this
     * close to now counts as now: clocks of editors' machines drift); {@code until} holds it back from the public,
     * not from partners. 409 when it is already published, 400 for times that have passed.
     */
    void publish(Instant at, Instant until, Instant now, Duration skew) {
        ArticleStatus current = effectiveStatus(now);
        if (at != null && at.isBefore(now.minus(skew))) {
            throw ProblemException.invalidBody("publishAt", "must be in the future; leave it out to publish now");
        }
        if (until != null && !until.isAfter(now)) {
            throw ProblemException.invalidBody("embargoedUntil", "must be in the future; leave it out for no embargo");
        }
        boolean later = at != null && at.isAfter(now.plus(skew));
        if (current == ArticleStatus.PUBLISHED) {
            throw ProblemException.conflict("The article is already published" + (later
                    ? "; withdraw it first to schedule it again." : "."));
        }
        if (later) {
            status = ArticleStatus.SCHEDULED;
            publishedAt = StoredTime.of(at);
        } else {
            status = ArticleStatus.PUBLISHED;
            // A republished article keeps its first publication time, so keyset pages stay in place.
            if (current != ArticleStatus.WITHDRAWN || publishedAt == null) {
                publishedAt = now;
            }
        }
        embargoedUntil = StoredTime.of(until);
        withdrawnAt = null;
        withdrawalReason = null;
        updatedAt = now;
    }

    /** Takes a published or scheduled article down, saying why; 409 for any other. */
    void withdraw(String reason, Instant now) {
        ArticleStatus current = effectiveStatus(now);
        if (current != ArticleStatus.PUBLISHED && current != ArticleStatus.SCHEDULED) {
            throw ProblemException.conflict("Only published or scheduled articles can be withdrawn; this one is "
                    + current + ".");
        }
        status = ArticleStatus.WITHDRAWN;
        withdrawnAt = now;
        withdrawalReason = reason.strip();
        updatedAt = now;
    }

    /** Appends a correction note. */
    void correct(String text, Instant now) {
        Correction correction = new Correction();
        correction.article = this;
        correction.text = text.strip();
        correction.createdAt = now;
        corrections.add(correction);
        updatedAt = now;
    }

    /** What remains once it is deleted at {@code now}: who may learn that it existed. */
    ArticleTombstone tombstone(Instant now) {
        ArticleTombstone tombstone = new ArticleTombstone();
        tombstone.id = id;
        tombstone.slug = slug;
        tombstone.deletedAt = now;
        tombstone.wasPublic = wasPublic(now);
        tombstone.wasSyndicated = wasSyndicated(now);
        return tombstone;
    }

    /** What anybody may read: published, out of embargo and not expired ({@link ArticleVisibility#IS_PUBLIC}). */
    public boolean isPublic(Instant now) {
        return ArticleVisibility.IS_PUBLIC.holds(this, now);
    }

    /**
     * Its page on the newsroom's site (from {@code BYLINE_SITE_ARTICLE_URL}) while anybody may read it there, as
     * {@link #isPublic} says: a draft, a scheduled or an embargoed article has no page yet, a withdrawn or expired one
     * has none any more. The JSON's {@code webUrl} and ninjs's {@code web} rendition both come from here.
     */
    public Optional<URI> webUrl(SiteLinks site, Instant now) {
        return isPublic(now) ? site.article(id, slug, section) : Optional.empty();
    }

    /**
     * What partners receive: published and not expired, embargoed or not, and only when the rights allow
     * syndication ({@link ArticleVisibility#IS_SYNDICATED}).
     */
    public boolean isSyndicated(Instant now) {
        return ArticleVisibility.IS_SYNDICATED.holds(this, now);
    }

    /** Whether the public could read it at some moment up to now (withdrawn or expired articles included). */
    public boolean wasPublic(Instant now) {
        return ArticleVisibility.WAS_PUBLIC.holds(this, now);
    }

    /** Whether partners could receive it at some moment up to now, so far as its rights allow today. */
    public boolean wasSyndicated(Instant now) {
        return ArticleVisibility.WAS_SYNDICATED.holds(this, now);
    }

    /** Whether the caller may learn that this article existed: 410 once withdrawn or expired, 404 otherwise. */
    public boolean wasShownTo(boolean partner, Instant now) {
        return ArticleVisibility.wasShown(Audience.of(partner)).holds(this, now);
    }

    public boolean isEmbargoed(Instant now) {
        return !ArticleVisibility.OUT_OF_EMBARGO.holds(this, now);
    }

    public boolean isExpired(Instant now) {
        return ArticleVisibility.EXPIRED.holds(this, now);
    }

    /** The attribution line the article must carry: its own, or its source's default. */
    public String attributionLine() {
        return Provenance.attribution(this);
    }

    /** The rights that apply: the article's own overrides over its source's defaults. */
    public Rights effectiveRights() {
        return Provenance.rights(this);
    }

    /** The other language versions of this article that anybody may read at {@code now}, by language. */
    public List<Translation> translations(Instant now) {
        return translations().readable(now);
    }

    /** The original this article translates, if anybody may read it at {@code now}. */
    public Optional<Translation> original(Instant now) {
        return translations(now).stream().filter(Translation::original).findFirst();
    }

    /** Every other language version, readable or not (drafts and withdrawn ones too): what a write must respect. */
    List<Translation> allTranslations() {
        return translations().all();
    }

    /** The next time one of the other language versions becomes readable or stops being so; never if none will. */
    Instant translationsChangeAfter(Instant now) {
        return translations().nextChange(now);
    }

    /** Forgets the language versions read with the article, after a write that changed which set it belongs to. */
    void translationsRead(String json) {
        translationsJson = json;
        translations = null;
    }

    private Translations translations() {
        if (translations == null) {
            translations = Translations.parse(translationsJson);
        }
        return translations;
    }

    /** One article with its source, for the single-article endpoints. */
    public static Optional<Article> findWithSource(UUID id) {
        return find("from Article a left join fetch a.source where a.id = ?1", id).firstResultOptional();
    }

    private static final String FOR_READING = "from Article a left join fetch a.source"
            + " left join fetch a.citedSources c left join fetch c.source where ";

    /**
     * One article for a reader, named as {@link IdOrSlug} says, with its source and its cited sources and theirs in
     * one statement (the slug is resolved in the same statement); empty when there is none, deleted articles
     * included.
     */
    public static Optional<Article> findForReading(String idOrSlug) {
        IdOrSlug name = IdOrSlug.of(idOrSlug);
        return name.namesNothing() ? Optional.empty()
                : find(FOR_READING + name.hql(), name.parameter()).singleResultOptional();
    }

    /** Loads a page of articles by id with their sources in one statement; order is the caller's. */
    public static List<Article> findWithSources(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("from Article a left join fetch a.source where a.id in ?1", ids);
    }
}

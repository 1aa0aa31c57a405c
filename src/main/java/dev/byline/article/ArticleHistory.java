package dev.byline.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.StoredTime;
import dev.byline.article.ArticleView.CorrectionView;
import dev.byline.database.SqlValues;
import dev.byline.source.Source;
import dev.byline.source.SourceKind;
import dev.byline.web.CursorCodec;
import dev.byline.web.Page;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Each article's versions as the database recorded them (V15's article_revision, written by a trigger on every
 * committed version, whoever wrote it): who may see which, and what each said.
 *
 * <p>Editors see every version with the key that made it. Everybody else sees the versions of an article they may
 * read now, and of those only the versions that were public while they were current: a version was public if the
 * moment it became readable (its publication, its embargo's end, or its own commit, whichever came last) came before
 * the next version replaced it and before its expiry. So an article shown as updated has every version a reader
 * could have seen on the list, and no draft in between.
 */
@ApplicationScoped
public class ArticleHistory {

    public static final int DEFAULT_LIMIT = QueryParams.DEFAULT_PAGE_SIZE;
    public static final int MAX_LIMIT = QueryParams.MAX_PAGE_SIZE;

    /** Whether the public could read version {@code r} while it was current; see the class comment. */
    private static final String WAS_PUBLIC = "(r.public_from is not null and r.public_from <= now()"
            + " and (r.superseded_at is null or r.public_from < r.superseded_at)"
            + " and (r.expires_at is null or r.public_from < r.expires_at))";
    private static final String COLUMNS = "r.version, r.recorded_at, r.actor_role, r.key_id, r.key_name,"
            + " array_to_string(r.changed, ','), cast(r.correction as text)";

    private final EntityManager entityManager;
    private final CursorCodec cursors;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ArticleHistory(EntityManager entityManager, CursorCodec cursors, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.cursors = cursors;
        this.mapper = mapper;
    }

    /** The article an {@code idOrSlug} names and whether it is deleted, if the caller may see its history. */
    private record Subject(UUID id, boolean deleted) {
    }

    /** A page of versions, newest first; keyset on the version. */
    @Transactional
    public Page<ArticleRevision> list(String idOrSlug, boolean editor, int limit, String cursor) {
        Subject article = subject(idOrSlug, editor);
        String scope = "revisions|" + article.id();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(" from article_revision r where r.article_id = ?1");
        if (!editor) {
            sql.append(" and ").append(WAS_PUBLIC);
        }
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            before = cursors.decode(scope, cursor.trim(), 1).integer(0);
            sql.append(" and r.version < ?2");
        }
        // The primary key (article_id, version), read backwards.
        sql.append(" order by r.version desc limit ").append(CursorCodec.fetchSize(limit));
        Query select = entityManager.createNativeQuery(sql.toString()).setParameter(1, article.id());
        if (before != Long.MAX_VALUE) {
            select.setParameter(2, before);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return cursors.page(scope, rows, limit, last -> List.of(Long.toString(((Number) last[0]).longValue())),
                row -> revision(row, editor));
    }

    /** One version with its content; 404 for a version the caller may not see, 410 once the article is deleted. */
    @Transactional
    public ArticleRevision.Detail version(String idOrSlug, String version, boolean editor) {
        Subject article = subject(idOrSlug, editor);
        long number = versionNumber(version);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + ", cast(r.content as text), "
                        + WAS_PUBLIC + " from article_revision r where r.article_id = ?1 and r.version = ?2")
                .setParameter(1, article.id()).setParameter(2, number).getResultList();
        if (rows.isEmpty() || !editor && !Boolean.TRUE.equals(rows.get(0)[8])) {
            throw noVersion(idOrSlug, version);
        }
        Object[] row = rows.get(0);
        if (row[7] == null) {
            throw new ProblemException(ProblemType.GONE, "The article was deleted; the content of its versions is not "
                    + "kept.");
        }
        ArticleRevision revision = revision(row, editor);
        return new ArticleRevision.Detail(article.id(), revision.version(), revision.at(), revision.by(),
                revision.changed(), revision.correction(), ArticleRevision.Content.of(snapshot(tree((String) row[7]))));
    }

    private Subject subject(String idOrSlug, boolean editor) {
        UUID id = ArticleSlug.articleIdOf(idOrSlug).orElseThrow(() -> noArticle(idOrSlug));
        Article article = Article.findById(id);
        if (article == null) {
            ArticleTombstone tombstone = ArticleTombstone.<ArticleTombstone>findByIdOptional(id)
                    .filter(t -> editor || t.shownTo(false))
                    .orElseThrow(() -> noArticle(idOrSlug));
            if (!editor) {
                throw new ProblemException(ProblemType.GONE, "This article was deleted on " + tombstone.deletedAt
                        + "; its history went with it.");
            }
            return new Subject(id, true);
        }
        if (!editor) {
            Instant now = StoredTime.now(clock);
            switch (ArticleAccess.of(article, false, now)) {
                case SHOWN -> {
                    // its public versions follow
                }
                case WITHDRAWN, EXPIRED -> throw new ProblemException(ProblemType.GONE,
                        "This article is no longer published; its history went with it.");
                case HIDDEN -> throw noArticle(idOrSlug);
            }
        }
        return new Subject(id, false);
    }

    private ArticleRevision revision(Object[] row, boolean editor) {
        String role = (String) row[2];
        ArticleRevision.Author by = editor
                ? new ArticleRevision.Author(role, (UUID) row[3], (String) row[4])
                : new ArticleRevision.Author(role, null, null);
        String changed = (String) row[5];
        CorrectionView correction = null;
        if (row[6] != null) {
            JsonNode node = tree((String) row[6]);
            correction = new CorrectionView(node.get("id").asLong(), node.get("text").asText(),
                    instant(node, "createdAt"));
        }
        return new ArticleRevision(((Number) row[0]).longValue(), SqlValues.instant(row[1]), by,
                changed == null || changed.isEmpty() ? List.of() : Arrays.asList(changed.split(",")), correction);
    }

    /** The article a snapshot describes (see V15's byline_article_snapshot), detached, for the usual rules to read. */
    private static Article snapshot(JsonNode c) {
        Article a = new Article();
        a.slug = text(c, "slug");
        a.headline = text(c, "headline");
        a.standfirst = text(c, "standfirst");
        a.bodyHtml = text(c, "bodyHtml");
        a.bodyText = text(c, "bodyText");
        a.byline = text(c, "byline");
        a.dateline = text(c, "dateline");
        a.section = text(c, "section");
        List<String> tags = new ArrayList<>();
        c.path("tags").forEach(tag -> tags.add(tag.asText()));
        a.tags = tags;
        a.language = text(c, "language");
        String original = text(c, "translationOf");
        a.translationOf = original == null ? null : UUID.fromString(original);
        a.status = ArticleStatus.of(text(c, "status"));
        a.publishedAt = instant(c, "publishedAt");
        a.embargoedUntil = instant(c, "embargoedUntil");
        a.expiresAt = instant(c, "expiresAt");
        a.withdrawnAt = instant(c, "withdrawnAt");
        a.withdrawalReason = text(c, "withdrawalReason");
        a.attribution = text(c, "attribution");
        a.copyrightHolder = text(c, "copyrightHolder");
        a.usageTerms = text(c, "usageTerms");
        a.syndicatable = c.path("syndicatable").isBoolean() ? c.get("syndicatable").asBoolean() : null;
        a.canonicalUrl = text(c, "canonicalUrl");
        a.commentsOpen = c.path("commentsOpen").asBoolean(true);
        a.wordCount = c.path("wordCount").asInt();
        a.updatedAt = instant(c, "updatedAt");
        JsonNode source = c.get("source");
        if (source != null && !source.isNull()) {
            Source s = source(source);
            s.defaultAttribution = text(source, "defaultAttribution");
            s.copyrightHolder = text(source, "copyrightHolder");
            s.usageTerms = text(source, "usageTerms");
            a.source = s;
        }
        for (JsonNode node : c.path("citedSources")) {
            CitedSource citation = new CitedSource();
            citation.article = a;
            citation.position = a.citedSources.size();
            citation.source = source(node);
            citation.role = CitationRole.of(text(node, "role"));
            citation.note = text(node, "note");
            citation.url = text(node, "url");
            a.citedSources.add(citation);
        }
        for (JsonNode node : c.path("corrections")) {
            Correction correction = new Correction();
            correction.article = a;
            correction.id = node.get("id").asLong();
            correction.text = text(node, "text");
            correction.createdAt = instant(node, "createdAt");
            a.corrections.add(correction);
        }
        return a;
    }

    private static Source source(JsonNode node) {
        Source s = new Source();
        s.slug = text(node, "slug");
        s.name = text(node, "name");
        s.kind = SourceKind.of(text(node, "kind"));
        s.syndicatable = node.path("syndicatable").asBoolean(true);
        return s;
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    private static long versionNumber(String version) {
        try {
            long number = Long.parseLong(version);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.notFound("There is no version '" + version + "'; versions are whole numbers from 0.");
    }

    private static ProblemException noArticle(String asked) {
        return ProblemException.notFound("There is no article '" + asked + "'.");
    }

    private static ProblemException noVersion(String asked, String version) {
        return ProblemException.notFound("The article '" + asked + "' has no version " + version + " you may see.");
    }
}

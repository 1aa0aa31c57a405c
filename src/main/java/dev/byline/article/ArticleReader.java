package dev.byline.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.database.Sql;
import dev.byline.source.Source;
import dev.byline.source.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.engine.spi.SelfDirtinessTracker;

/**
 * Loads one article for a reader in one plain SQL statement ({@code db/queries/article-read.sql}), outside any
 * Hibernate session or transaction: the result is a detached {@link Article} with its source, so that the visibility
 * rules apply to it as to a managed one, and either the rendition another read stored (V18) or the cited sources,
 * corrections and other language versions that {@link ArticleView} renders.
 */
@ApplicationScoped
public class ArticleReader {

    /** The statement as written, ending with {@link IdOrSlug}'s lookup by slug (it is one text for the benchmark). */
    private static final String BY_SLUG = query();
    private static final String BY_ID = BY_SLUG.substring(0, BY_SLUG.lastIndexOf(IdOrSlug.SQL_BY_SLUG))
            + IdOrSlug.SQL_BY_ID;
    private static final String RENDITION_JOIN = "left join article_rendition r on r.article_id = a.id";
    /** The same statements without the stored rendition: everything to render from. */
    private static final String RENDER_BY_SLUG = withoutRendition(BY_SLUG);
    private static final String RENDER_BY_ID = withoutRendition(BY_ID);

    /**
     * What one read statement found: the article, and the rendition another read stored for it (null when there is
     * none, and then the article comes with everything to render it from), with the epoch under which a rendition of
     * this article may be stored (see {@link StoredRenditions#store}).
     */
    public record Read(Article article, Stored stored, long epoch) {
    }

    /** A stored rendition as the read statement found it. */
    public record Stored(String format, String tag, int length, Instant validUntil, byte[] gzip) {
    }

    private final Sql sql;
    private final ObjectMapper mapper;

    public ArticleReader(Sql sql, ObjectMapper mapper) {
        this.sql = sql;
        this.mapper = mapper;
    }

    /**
     * The article a UUID or a current or former slug names, or the rendition stored for it; empty when there is none
     * (deleted ones included).
     */
    public Optional<Read> find(String idOrSlug) {
        return find(idOrSlug, BY_ID, BY_SLUG);
    }

    /** As {@link #find}, always with everything to render the article from (a stored rendition would not do). */
    public Optional<Read> findToRender(String idOrSlug) {
        return find(idOrSlug, RENDER_BY_ID, RENDER_BY_SLUG);
    }

    private Optional<Read> find(String idOrSlug, String byId, String bySlug) {
        IdOrSlug name = IdOrSlug.of(idOrSlug);
        if (name.namesNothing()) {
            return Optional.empty();
        }
        return sql.first(name.isId() ? byId : bySlug, s -> s.setObject(1, name.parameter()), this::read);
    }

    private Read read(ResultSet row) throws SQLException {
        int i = 1;
        String format = row.getString(i++);
        String tag = row.getString(i++);
        int length = row.getInt(i++);
        Instant validUntil = instant(row, i++);
        byte[] gzip = row.getBytes(i++);
        long epoch = row.getLong(i++);
        Stored stored = gzip == null ? null
                : new Stored(format, tag, length, validUntil == null ? Instant.MAX : validUntil, gzip);
        return new Read(article(row, i, stored == null), stored, epoch);
    }

    /**
     * {@code entity} with Hibernate's change tracking off. The entities read here are never managed or written: they
     * are rendered and dropped. Their enhanced setters would otherwise record every field set, in a list searched
     * on each set, which was a tenth of a cache miss's CPU (JFR, uniform row).
     */
    private static <T> T untracked(T entity) {
        if (entity instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        return entity;
    }

    private Article article(ResultSet row, int first, boolean complete) throws SQLException {
        Article a = untracked(new Article());
        int i = first;
        a.id = row.getObject(i++, UUID.class);
        a.slug = row.getString(i++);
        a.headline = row.getString(i++);
        a.standfirst = row.getString(i++);
        a.bodyHtml = row.getString(i++);
        a.bodyText = row.getString(i++);
        a.byline = row.getString(i++);
        a.dateline = row.getString(i++);
        a.section = row.getString(i++);
        a.tags = strings(row.getArray(i++));
        a.language = row.getString(i++);
        a.translationOf = row.getObject(i++, UUID.class);
        a.status = ArticleStatus.of(row.getString(i++));
        a.publishedAt = instant(row, i++);
        a.withdrawnAt = instant(row, i++);
        a.withdrawalReason = row.getString(i++);
        a.embargoedUntil = instant(row, i++);
        a.expiresAt = instant(row, i++);
        a.attribution = row.getString(i++);
        a.copyrightHolder = row.getString(i++);
        a.usageTerms = row.getString(i++);
        a.syndicatable = (Boolean) row.getObject(i++);
        a.canonicalUrl = row.getString(i++);
        a.commentsOpen = row.getBoolean(i++);
        a.commentCount = row.getInt(i++);
        a.wordCount = row.getInt(i++);
        a.createdAt = instant(row, i++);
        a.updatedAt = instant(row, i++);
        a.version = row.getLong(i++);
        long sourceId = row.getLong(i++);
        if (!row.wasNull()) {
            Source s = untracked(new Source());
            s.id = sourceId;
            s.slug = row.getString(i++);
            s.name = row.getString(i++);
            s.kind = SourceKind.of(row.getString(i++));
            s.defaultAttribution = row.getString(i++);
            s.copyrightHolder = row.getString(i++);
            s.usageTerms = row.getString(i++);
            s.syndicatable = row.getBoolean(i++);
            a.source = s;
        } else {
            i += 7;
        }
        if (complete) {
            a.citedSources = citations(a, row.getString(i++));
            a.corrections = corrections(a, row.getString(i++));
            a.translationsRead(row.getString(i));
        }
        return a;
    }

    private List<CitedSource> citations(Article article, String json) {
        List<CitedSource> citations = new ArrayList<>();
        for (JsonNode node : tree(json)) {
            Source source = untracked(new Source());
            source.slug = node.get("slug").asText();
            source.name = node.get("name").asText();
            source.kind = SourceKind.of(node.get("kind").asText());
            source.syndicatable = node.get("syndicatable").asBoolean();
            CitedSource citation = untracked(new CitedSource());
            citation.article = article;
            citation.position = citations.size();
            citation.source = source;
            citation.role = CitationRole.of(node.get("role").asText());
            citation.note = text(node, "note");
            citation.url = text(node, "url");
            citations.add(citation);
        }
        return citations;
    }

    private List<Correction> corrections(Article article, String json) {
        List<Correction> corrections = new ArrayList<>();
        for (JsonNode node : tree(json)) {
            Correction correction = untracked(new Correction());
            correction.article = article;
            correction.id = node.get("id").asLong();
            correction.text = node.get("text").asText();
            correction.createdAt = OffsetDateTime.parse(node.get("createdAt").asText()).toInstant();
            corrections.add(correction);
        }
        return corrections;
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return mapper.createArrayNode();
        }
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

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private static String withoutRendition(String query) {
        int join = query.indexOf(RENDITION_JOIN);
        int end = query.indexOf('\n', join);
        if (join < 0 || end < 0) {
            throw new IllegalStateException("db/queries/article-read.sql no longer joins the stored rendition");
        }
        return query.substring(0, join) + "left join article_rendition r on false" + query.substring(end);
    }

    private static String query() {
        try (InputStream in = ArticleReader.class.getResourceAsStream("/db/queries/article-read.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/queries/article-read.sql is missing from the application");
            }
            // Comments stay in the file for people; the statement is the rest.
            String query = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n")).strip();
            if (!query.endsWith("where " + IdOrSlug.SQL_BY_SLUG)) {
                throw new IllegalStateException("db/queries/article-read.sql must end with IdOrSlug's lookup: where "
                        + IdOrSlug.SQL_BY_SLUG);
            }
            return query;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

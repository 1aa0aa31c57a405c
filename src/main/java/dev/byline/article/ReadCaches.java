package dev.byline.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.byline.BylineConfig;
import dev.byline.database.DatabaseNotifications;
import dev.byline.database.DatabaseNotifications.Notice;
import dev.byline.database.Sql;
import dev.byline.source.Source;
import dev.byline.web.Gzip;
import dev.byline.web.Page;
import dev.byline.web.Representations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What this instance has rendered for readers, kept until the database says it changed.
 *
 * <p>Two caches, both bounded by bytes (W-TinyLFU keeps the most requested entries, as news traffic wants):
 * <ul>
 * <li><b>article renditions</b>: the public JSON of an article that anybody may read, with its ETag, evicted when
 * a notice names the article (an edit, a comment count, a promotion) or any source changes, and expired at the
 * article's own expiry;</li>
 * <li><b>response bodies</b> (lists, feeds, thread pages): stamped with the catalogue <em>generation</em>, a
 * counter that every notice moves, and valid until the <em>horizon</em>, the next moment a time rule (schedule,
 * embargo, expiry) changes what anybody sees. A body built while the generation moved is never stored.</li>
 * </ul>
 * Notices come from PostgreSQL on commit (see V6), so every instance hears of every change, whoever made it; writes
 * made through this instance also evict at once (see {@link WriteTracker}), so a client reads its own writes. While
 * the notification connection is down nothing is served from, or stored in, either cache.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class ReadCaches {

    /**
     * The public JSON of an article, as every caller gets it while it stays public. It is kept gzip-compressed (a
     * third of the size, so three times as many articles fit), sent as it is to clients that accept gzip and
     * inflated for the others; a rendition just made holds only its JSON, so a read that is not kept (a draft, an
     * embargo) and the reader who caused it pay nothing for compression.
     */
    public static final class Rendition {

        private final UUID id;
        private final String slug;
        private final long version;
        private final byte[] gzip;
        private final int length;
        private final byte[] json;
        private final String tag;
        private final Instant validUntil;

        private Rendition(UUID id, String slug, long version, byte[] gzip, int length, byte[] json, String tag,
                Instant validUntil) {
            this.id = id;
            this.slug = slug;
            this.version = version;
            this.gzip = gzip;
            this.length = length;
            this.json = json;
            this.tag = tag;
            this.validUntil = validUntil;
        }

        /** A rendition of {@code json}, just made; {@code tag} is its ETag value, {@code validUntil} its expiry. */
        public static Rendition of(UUID id, String slug, long version, byte[] json, String tag, Instant validUntil) {
            return new Rendition(id, slug, version, null, json.length, json, tag, validUntil);
        }

        /** A rendition stored compressed (see {@link StoredRenditions}); {@code length} is its JSON's. */
        public static Rendition stored(UUID id, String slug, long version, byte[] gzip, int length, String tag,
                Instant validUntil) {
            return new Rendition(id, slug, version, gzip, length, null, tag, validUntil);
        }

        public UUID id() {
            return id;
        }

        /** The length of its JSON. */
        public int length() {
            return length;
        }

        public String slug() {
            return slug;
        }

        public long version() {
            return version;
        }

        /** The JSON, inflated when this rendition comes from memory. */
        public byte[] json() {
            return json != null ? json : Gzip.inflate(gzip, length);
        }

        /** The JSON as a gzip member, for {@code Content-Encoding: gzip}. */
        public byte[] gzip() {
            return gzip != null ? gzip : Gzip.compress(json);
        }

        public String tag() {
            return tag;
        }

        public Instant validUntil() {
            return validUntil;
        }

        /** This rendition as memory keeps it: compressed only (compressed here, so only what is kept pays for it). */
        Rendition packed() {
            return json == null ? this : new Rendition(id, slug, version, gzip(), length, null, tag, validUntil);
        }
    }

    /** The article cache's bound: what is configured, or else a fifth of the heap the JVM may grow to. */
    static long articleBytes(OptionalInt configuredMegabytes, long maxHeapBytes) {
        return configuredMegabytes.isPresent() ? configuredMegabytes.getAsInt() * 1024L * 1024L : maxHeapBytes / 5;
    }

    /** A response built once for everyone who asks the same question, while the catalogue stays as it was. */
    public record Body(byte[] bytes, String tag, Instant lastModified, String next, boolean shared) {

        /** A body that shared caches may keep (the common case: what it shows is public). */
        public Body(byte[] bytes, String tag, Instant lastModified, String next) {
            this(bytes, tag, lastModified, next, true);
        }
    }

    /**
     * How the body kept under {@code key} is sent to anybody who repeats an anonymous request: its media type and
     * caching headers, as the resource that built it sent them (see {@link #answers}).
     */
    public record Answer(String key, String contentType, String cacheControl, String vary) {
    }

    /** A kept body and how to send it. */
    public record Answered(Body body, Answer answer) {
    }

    /** A body as kept: valid while the catalogue stays at {@code generation} and until {@code validUntil}. */
    private record Kept(Body body, long generation, Instant validUntil) {
    }

    private record Horizon(long generation, Instant until) {
    }

    private static final String HORIZON = """
            select least(
                (select min(published_at) from article where status = 'scheduled' and published_at > now()),
                (select min(expires_at) from article where status = 'scheduled' and expires_at > now()),
                (select min(expires_at) from article where status = 'published' and expires_at > now()),
                (select min(embargoed_until) from article where embargoed_until > now()))""";
    private static final String PENDING = ReadCaches.class.getName() + ".pending";

    private final boolean enabled;
    private final DatabaseNotifications notifications;
    private final Sql sql;
    private final TransactionSynchronizationRegistry transactions;
    private final Representations representations;
    private final Cache<UUID, Rendition> renditions;
    /** Slugs, current or former, and the article each belongs to: a slug never moves to another article. */
    private final Cache<String, UUID> slugs;
    private final Cache<String, Kept> bodies;
    /** Anonymous requests (their absolute URI) and the kept body that answers them; see {@link #answers}. */
    private final Cache<String, Answer> answers;
    private final AtomicLong generation = new AtomicLong();
    private volatile Horizon horizon;
    private final Clock clock;

    public ReadCaches(BylineConfig config, DatabaseNotifications notifications, Sql sql,
            TransactionSynchronizationRegistry transactions, MeterRegistry meters, Representations representations,
            Clock clock) {
        this.clock = clock;
        this.representations = representations;
        this.enabled = config.readCache().enabled();
        this.notifications = notifications;
        this.sql = sql;
        this.transactions = transactions;
        this.renditions = Caffeine.newBuilder()
                .maximumWeight(articleBytes(config.readCache().articleMegabytes(), Runtime.getRuntime().maxMemory()))
                .weigher((UUID id, Rendition r) -> r.gzip().length + 200)
                .recordStats()
                .build();
        this.slugs = Caffeine.newBuilder().maximumSize(200_000).build();
        this.bodies = Caffeine.newBuilder()
                .maximumWeight(config.readCache().responseMegabytes() * 1024L * 1024L)
                .weigher((String key, Kept k) -> k.body().bytes().length + key.length() * 2 + 200)
                .recordStats()
                .build();
        this.answers = Caffeine.newBuilder().maximumSize(20_000).build();
        CaffeineCacheMetrics.monitor(meters, renditions, "articles");
        CaffeineCacheMetrics.monitor(meters, bodies, "responses");
        notifications.subscribe(this::heard);
    }

    // --- article renditions -------------------------------------------------------------------------------------

    /** The cached public rendition of the article {@code idOrSlug} names, if it is cached and still valid. */
    public Optional<Rendition> article(String idOrSlug, Instant now) {
        if (!usable()) {
            return Optional.empty();
        }
        UUID id = slugs.getIfPresent(idOrSlug);
        if (id == null) {
            id = IdOrSlug.of(idOrSlug).id(); // a slug is known only once a read has resolved it
        }
        Rendition rendition = id == null ? null : renditions.getIfPresent(id);
        if (rendition == null || !now.isBefore(rendition.validUntil())) {
            return Optional.empty();
        }
        return Optional.of(rendition);
    }

    /** The generation to hand back to {@link #keep} or {@link #offer}: what was read after this is current. */
    public long generation() {
        return generation.get();
    }

    /** Keeps a rendition read under {@code readAt} (see {@link #generation()}), unless something changed since. */
    public void keep(String askedFor, Rendition rendition, long readAt) {
        if (!usable() || generation.get() != readAt) {
            return;
        }
        renditions.put(rendition.id(), rendition.packed());
        if (!askedFor.equals(rendition.id().toString())) {
            slugs.put(askedFor, rendition.id());
        }
        if (generation.get() != readAt) {
            renditions.invalidate(rendition.id()); // a notice slipped in between the check and the put
        }
    }

    // --- response bodies ------------------------------------------------------------------------------------------

    /**
     * The body cached under {@code key}, or the one {@code build} makes now (kept for the next caller if the
     * catalogue did not change meanwhile). {@code key} must name everything the body depends on: the path and query,
     * and the caller's audience.
     */
    public Body body(String key, Supplier<Body> build) {
        Optional<Body> cached = cached(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        long readAt = generation.get();
        Body built = build.get();
        offer(key, built, readAt);
        return built;
    }

    /** A page of a list, kept as its JSON with its tag and next cursor, like {@link #body}. */
    public Body page(String key, Supplier<Page<?>> build) {
        return body(key, () -> {
            Page<?> page = build.get();
            byte[] json = representations.json(page);
            return new Body(json, Representations.contentTag(json), null, page.next());
        });
    }

    /** The body cached under {@code key}, if it was built in the current generation and no time rule passed since. */
    public Optional<Body> cached(String key) {
        if (!usable()) {
            return Optional.empty();
        }
        Kept kept = bodies.getIfPresent(key);
        if (kept != null && kept.generation() == generation.get() && clock.instant().isBefore(kept.validUntil())) {
            return Optional.of(kept.body());
        }
        return Optional.empty();
    }

    /** Keeps a body built from what was read after {@code readAt} (see {@link #generation()}), if it is current. */
    public void offer(String key, Body built, long readAt) {
        if (!usable() || generation.get() != readAt) {
            return;
        }
        Instant until = horizon(readAt, clock.instant());
        if (generation.get() == readAt) {
            bodies.put(key, new Kept(built, readAt, until));
        }
    }

    /**
     * Records that the anonymous request for {@code request} (its absolute URI, exactly as the client sent it) was
     * answered with the body kept under {@code answer.key()}: a route in front of JAX-RS may answer the same request
     * again from memory (see {@code CachedFeedRoute}) while that body stays current. The resource must only record
     * requests whose answer depends on nothing but the URI (no credentials, no negotiation).
     */
    public void answers(String request, Answer answer) {
        if (usable()) {
            answers.put(request, answer);
        }
    }

    /** The kept body that answers the anonymous request for {@code request}, if it is still current. */
    public Optional<Answered> answered(String request) {
        if (!usable()) {
            return Optional.empty();
        }
        Answer answer = answers.getIfPresent(request);
        if (answer == null) {
            return Optional.empty();
        }
        return cached(answer.key()).map(body -> new Answered(body, answer));
    }

    /** The next time a time rule changes what is visible; the catalogue generation it was computed for moves it. */
    private Instant horizon(long readAt, Instant now) {
        Horizon known = horizon;
        if (known != null && known.generation() == readAt && now.isBefore(known.until())) {
            return known.until();
        }
        Instant until = sql.first(HORIZON, s -> { }, row -> {
            OffsetDateTime next = row.getObject(1, OffsetDateTime.class);
            return next == null ? Instant.MAX : next.toInstant();
        }).orElse(Instant.MAX);
        horizon = new Horizon(readAt, until);
        return until;
    }

    // --- invalidation -----------------------------------------------------------------------------------------------

    /** An entity is being written in the current transaction; what readers were shown of it is stale once it commits. */
    void writing(Object entity) {
        UUID article = null;
        if (entity instanceof Article a) {
            article = a.id;
        } else if (entity instanceof CitedSource c && c.article != null) {
            article = c.article.id;
        } else if (entity instanceof Correction c && c.article != null) {
            article = c.article.id;
        } else if (entity instanceof ArticlePart p) {
            article = p.articleId();
        } else if (!(entity instanceof Source || entity instanceof ArticleTombstone || entity instanceof ArticleSlug)) {
            return; // an API key's last use, an audit record: nothing a reader is shown
        }
        boolean allArticles = entity instanceof Source;
        forget(article, allArticles);
        try {
            if (transactions.getTransactionKey() == null) {
                return;
            }
            Pending pending = (Pending) transactions.getResource(PENDING);
            if (pending == null) {
                pending = new Pending(this);
                transactions.registerInterposedSynchronization(pending);
                transactions.putResource(PENDING, pending);
            }
            pending.add(article, allArticles);
        } catch (IllegalStateException e) {
            // the transaction is already completing (a flush at commit): the notice after commit covers it
        }
    }

    /** An article is written in the current transaction: as {@link #writing(Object)} for its entity. */
    void writingArticle(UUID article) {
        writing((ArticlePart) () -> article);
    }

    private void heard(Notice notice) {
        switch (notice.kind()) {
            case "article" -> forget(uuid(notice.key()), false);
            case "source", "reset" -> forget(null, true);
            case "catalogue", "comments" -> forget(null, false);
            default -> {
                // 'change': the change feed is not cached
            }
        }
    }

    /** Forgets a rendition (or all of them), and moves the generation. */
    void forget(UUID article, boolean allArticles) {
        generation.incrementAndGet();
        if (allArticles) {
            renditions.invalidateAll();
        } else if (article != null) {
            renditions.invalidate(article);
        }
    }

    private boolean usable() {
        return enabled && notifications.listening();
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Forgets again once the transaction has committed: a reader that read the old rows between the write and the
     * commit may have cached them.
     */
    private static final class Pending implements Synchronization {
        private final ReadCaches caches;
        private final java.util.Set<UUID> articles = new java.util.HashSet<>();
        private boolean allArticles;

        Pending(ReadCaches caches) {
            this.caches = caches;
        }

        void add(UUID article, boolean all) {
            if (article != null) {
                articles.add(article);
            }
            allArticles |= all;
        }

        @Override
        public void beforeCompletion() {
            // nothing to do until the outcome is known
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            if (allArticles || articles.isEmpty()) {
                caches.forget(null, allArticles);
            }
            articles.forEach(id -> caches.forget(id, false));
        }
    }
}

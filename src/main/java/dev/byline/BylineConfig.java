package dev.byline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Byline's own settings, under the {@code byline.} prefix (environment: {@code BYLINE_...}). */
@ConfigMapping(prefix = "byline")
public interface BylineConfig {

    /** Key that signs paging cursors; when unset a random key is generated once and kept in the database. */
    Optional<String> cursorSecret();

    /** Seconds that shared caches may keep a published article or a list (Cache-Control max-age). */
    @WithDefault("60")
    int cacheMaxAge();

    /** The first admin key, used only when no admin key exists yet; when unset one is generated and logged once. */
    Optional<String> adminKey();

    /** Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed; empty means none. */
    Optional<List<String>> trustedProxies();

    /** Cross-origin access for browsers. */
    Cors cors();

    /** Token-bucket rate limits. */
    RateLimit rateLimit();

    /**
     * A publish time this close to now counts as now, and one further ahead schedules the article: editors'
     * clocks drift.
     */
    @WithDefault("PT1M")
    Duration publishClockSkew();

    /** In-memory caches of rendered articles and of list, feed and thread responses. */
    ReadCache readCache();

    /** What the HTTP layer accepts before a request reaches a resource. */
    Http http();

    /** Limits the HTTP layer enforces (sizes are Quarkus's own {@code quarkus.http.limits.*}). */
    interface Http {
        /**
         * How long a request body may take to arrive in full once its headers are in; a slower one is answered 408 and
         * its connection closed. Bodies are read without holding a thread, but a trickling client still holds memory.
         */
        @WithDefault("30s")
        Duration bodyTimeout();
    }

    /**
     * Every instance keeps what it rendered until the database says it changed (LISTEN/NOTIFY), so the caches never
     * serve stale content for longer than a notice takes to arrive; they are bounded by size.
     */
    interface ReadCache {
        /** Switch the caches off: every read then goes to the database. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Memory for rendered articles (their JSON, compressed), in MiB; the most requested articles stay. Unset: a
         * fifth of the JVM's maximum heap (51 MiB with {@code -Xmx256m}), so that a larger heap keeps more articles:
         * the hit rate of popularity-skewed reads grows with every article kept.
         */
        OptionalInt articleMegabytes();

        /** Memory for rendered lists, feeds and comment-thread pages, in MiB. */
        @WithDefault("16")
        int responseMegabytes();
    }

    /** Browsers may read from any origin; these origins may also write (e.g. https://newsroom.example.org). */
    interface Cors {
        /** Origins allowed to send writes (POST, PATCH, DELETE) from a browser. */
        Optional<List<String>> writeOrigins();
    }

    /** Rate limits per API key, or per client address for anonymous calls. */
    interface RateLimit {
        /** Switch all rate limits off (for a trusted internal deployment). */
        @WithDefault("true")
        boolean enabled();

        /** Calls without a key, per client address. */
        @WithDefault("120")
        int anonymousRequests();

        /** Calls with an editor, moderator or admin key, per key. */
        @WithDefault("600")
        int keyRequests();

        /** Calls with a partner key, per key. */
        @WithDefault("1200")
        int partnerRequests();

        /** Length of the window in which each allowance refills, in seconds. */
        @WithDefault("60")
        int windowSeconds();

        /** Comments and reports posted per client address (or per key), a stricter bucket on top of the others. */
        @WithDefault("5")
        int commentRequests();

        /** Length of the window in which the comment allowance refills, in seconds. */
        @WithDefault("60")
        int commentWindowSeconds();
    }

    /** Comment threads: moderation, filters and anti-abuse. */
    Comments comments();

    /** Settings of comment threads; per-article settings override the moderation default. */
    interface Comments {
        /** Default moderation of articles that set none: {@code post} (published at once) or {@code pre} (held). */
        @WithDefault("post")
        String moderation();

        /** Deepest nesting; a reply to a comment at this depth attaches to that comment's parent. */
        @WithDefault("6")
        int maxDepth();

        /** How long after posting the author may edit with the edit token (deleting is allowed at any time). */
        @WithDefault("PT15M")
        Duration editWindow();

        /** Comments with more links than this are held for moderation. */
        @WithDefault("2")
        int maxLinks();

        /** Words (or phrases) that hold a comment for moderation, matched as whole words, case-insensitively. */
        Optional<List<String>> bannedWords();

        /** Distinct reporters that send an approved comment back to the moderation queue. */
        @WithDefault("3")
        int reportThreshold();

        /** A comment that repeats, or nearly repeats, the same client's comment within this time is refused. */
        @WithDefault("PT1H")
        Duration duplicateWindow();

        /** How long keyed hashes of client addresses are kept before they are erased. */
        @WithDefault("P7D")
        Duration addressRetention();

        /** Key of the hashes of client addresses; when unset a random key is generated once and kept in the database. */
        Optional<String> addressKey();
    }

    /** The public web site that shows the news, which feeds link readers to. */
    Site site();

    /**
     * Where readers read the news: the newsroom's own site. Feeds link items and channels there; without it they link
     * to the API's own JSON.
     */
    interface Site {
        /** The site's home page (e.g. https://news.example/); feeds' channel links. Unset: the API's article list. */
        Optional<String> baseUrl();

        /**
         * The page of one article, with {slug}, {section} and {id} filled in (e.g.
         * https://news.example/{section}/{slug}); feeds' item links when the article has no canonical URL of its own,
         * the JSON's webUrl and ninjs's web rendition. Unset: feeds link to the API's JSON, and webUrl is null.
         */
        Optional<String> articleUrl();

        /** The newsroom's name, as the publisher and author of its feeds. Unset: the feed title. */
        Optional<String> name();

        /** The newsroom's main language (a language tag such as en or pt-BR), the default language of its feeds. */
        @WithDefault("en")
        String language();
    }

    /** Feeds, ninjs and the change feed. */
    Syndication syndication();

    /** Syndication to readers and partners. */
    interface Syndication {
        /** Title of the RSS, Atom and JSON feeds (a section, tag or source is added after it). */
        @WithDefault("Byline")
        String feedTitle();

        /** Items in a feed when the request gives no limit. */
        @WithDefault("50")
        int feedSize();

        /** How often scheduled articles are published and expiries announced (a duration such as 5s). */
        @WithDefault("5s")
        String timeRulesInterval();

        /** Change-feed long polls (wait > 0) one key may have waiting at once on an instance; one more gets 429. */
        @WithDefault("50")
        int maxPollsPerKey();
    }

    /** Push delivery of the change feed to partners' URLs (Standard Webhooks). */
    Webhooks webhooks();

    /**
     * Webhook subscriptions: how deliveries are sent, retried and paused, and which addresses they may reach. Every
     * instance on a database delivers; a subscription is claimed by one instance at a time.
     */
    interface Webhooks {
        /** Deliver webhooks from this instance; subscriptions can still be managed through the API when false. */
        @WithDefault("true")
        boolean enabled();

        /** Deliveries this instance sends at once (one per subscription, so that each stays in order). */
        @WithDefault("4")
        int workers();

        /** How long a connection to a receiver may take to open. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** How long a receiver may take to answer a delivery with its status; longer is a failure, retried. */
        @WithDefault("PT15S")
        Duration requestTimeout();

        /** Delay before the first retry of a failed delivery; each further retry waits twice as long (with jitter). */
        @WithDefault("PT5S")
        Duration retryInitialDelay();

        /** The longest wait between two retries of a delivery. */
        @WithDefault("PT1H")
        Duration retryMaxDelay();

        /**
         * How long deliveries of one event keep failing before the subscription is paused (it keeps its place and
         * resumes from that event).
         */
        @WithDefault("PT24H")
        Duration retryWindow();

        /** How often each instance looks for due deliveries in case a database notice was missed. */
        @WithDefault("5s")
        String pollInterval();

        /** Subscriptions one API key may hold. */
        @WithDefault("10")
        int maxPerKey();

        /** How long entries of the delivery log are kept. */
        @WithDefault("P30D")
        Duration logRetention();

        /**
         * Allow receivers on loopback, link-local, private and other non-public addresses (only for a deployment
         * whose partners are all inside its own network).
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** Host names, addresses or CIDR ranges that receivers may use even though they are not public. */
        Optional<List<String>> allowedTargets();

        /**
         * Key that encrypts the subscriptions' signing secrets in the database; when unset a random key is generated
         * once and kept in the database (set it to keep the key out of database backups).
         */
        Optional<String> secretKey();
    }

    /** Settings of the embedded PostgreSQL started when no datasource URL is configured. */
    EmbeddedPostgres embeddedPostgres();

    /** The embedded PostgreSQL; read by the config source factory before CDI exists, declared here for documentation. */
    interface EmbeddedPostgres {
        /** Start an embedded PostgreSQL when QUARKUS_DATASOURCE_JDBC_URL is not set. */
        @WithDefault("true")
        boolean enabled();

        /** Folder that keeps the embedded database between runs. */
        @WithDefault(".byline-data/postgres")
        String dataDir();

        /** Use a temporary folder deleted at exit instead of data-dir (the test profile sets this). */
        @WithDefault("false")
        boolean throwaway();

        /** Port of the embedded server; 0 picks a free one. */
        @WithDefault("0")
        int port();
    }
}

package dev.byline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Byline's own settings, under the {@code byline.} prefix (environment: {@code BYLINE_...}). */
@ConfigMapping(prefix = "byline")
public interface BylineConfig {

    /** The public base URL of the API, used in Location and Link headers when set; otherwise taken from the request. */
    Optional<String> publicUrl();

    /** Key that signs paging cursors; when unset a random key is generated once and kept in the database. */
    Optional<String> cursorSecret();

    /** Seconds that shared caches may keep a published article or a list (Cache-Control max-age). */
    @WithDefault("60")
    int cacheMaxAge();

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

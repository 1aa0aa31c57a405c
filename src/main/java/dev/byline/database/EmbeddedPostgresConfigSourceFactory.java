package dev.byline.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Starts a real embedded PostgreSQL when no datasource URL is configured, and points the datasource at it.
 *
 * <p>A factory (not a CDI bean) because the datasource URL must be known before Agroal, Flyway and Hibernate start.
 * Quarkus builds the runtime configuration again on every dev-mode reload with a fresh class loader, so the
 * running server is remembered in system properties rather than in a static field.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);
    private static final String URL_KEY = "quarkus.datasource.jdbc.url";
    private static final String RUNNING_URL = "dev.byline.embedded-postgres.url";
    /** Below environment variables (300) and system properties (400), above application.properties (250). */
    private static final int ORDINAL = 275;
    private static final String DEFAULT_DATA_DIR = ".byline-data/postgres";
    /** How long the database waits at exit for the application to stop; a longer stop is a stuck one. */
    private static final long STOP_PATIENCE_MILLIS = 10_000;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL_KEY)) || !enabled(context) || duringBuild() || trainingClassArchive()) {
            return List.of();
        }
        String url = System.getProperty(RUNNING_URL);
        if (url == null) {
            url = start(dataDirectory(context), port(context));
            System.setProperty(RUNNING_URL, url);
        }
        return List.of(new PropertiesConfigSource(Map.of(
                URL_KEY, url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "byline-embedded-postgres", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * Quarkus also reads configuration while it builds the application (the package goal), where no database is
     * wanted; the build is recognisable by the augmentor on the call stack.
     */
    private static boolean duringBuild() {
        return StackWalker.getInstance().walk(frames -> frames
                .anyMatch(frame -> frame.getClassName().startsWith("io.quarkus.deployment.QuarkusAugmentor")));
    }

    /**
     * The package goal with {@code quarkus.package.jar.appcds.enabled} starts the application once to record the
     * classes it loads (AppCDS); that run stops before anything connects, so it needs no database.
     */
    private static boolean trainingClassArchive() {
        return Boolean.getBoolean("quarkus.appcds.generate");
    }

    private static boolean enabled(ConfigSourceContext context) {
        ConfigValue value = context.getValue("byline.embedded-postgres.enabled");
        return !isSet(value) || Boolean.parseBoolean(value.getValue().trim());
    }

    /** Null means a throwaway directory, deleted when the JVM exits (what the test profile asks for). */
    private static Path dataDirectory(ConfigSourceContext context) {
        ConfigValue throwaway = context.getValue("byline.embedded-postgres.throwaway");
        if (isSet(throwaway) && Boolean.parseBoolean(throwaway.getValue().trim())) {
            return null;
        }
        ConfigValue value = context.getValue("byline.embedded-postgres.data-dir");
        return Path.of(isSet(value) ? value.getValue().trim() : DEFAULT_DATA_DIR).toAbsolutePath();
    }

    private static int port(ConfigSourceContext context) {
        ConfigValue value = context.getValue("byline.embedded-postgres.port");
        return isSet(value) ? Integer.parseInt(value.getValue().trim()) : 0;
    }

    /**
     * Starts the server on another thread and returns its URL at once: Quarkus goes on preparing Hibernate, the
     * validator, the contract and the router while PostgreSQL starts (a third of a second on an existing data
     * directory, more with initdb), and {@link EmbeddedPostgresSockets} holds every connection until it is up.
     * The port is chosen here when none is configured, so that the URL is known before the server is. The stop hook
     * is registered first, so that a JVM leaving while the server starts still stops it once it is up.
     */
    private static String start(Path dataDir, int configuredPort) {
        boolean throwaway = dataDir == null;
        int port = configuredPort > 0 ? configuredPort : freePort();
        Path dir;
        try {
            dir = throwaway ? Files.createTempDirectory("byline-pg-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the embedded PostgreSQL's data directory", e);
        }
        CompletableFuture<EmbeddedPostgres> started = CompletableFuture.supplyAsync(
                () -> startNow(dir, throwaway, port), runner());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnceStarted(started, throwaway ? dir : null),
                "byline-embedded-postgres-stop"));
        EmbeddedPostgresSockets.starting(started);
        return "jdbc:postgresql://localhost:" + port + "/postgres?socketFactory="
                + EmbeddedPostgresSockets.class.getName();
    }

    private static Executor runner() {
        return task -> {
            Thread thread = new Thread(task, "byline-embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static EmbeddedPostgres startNow(Path dir, boolean throwaway, int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(throwaway)
                    .setRegisterShutdownHook(false) // ours stops it once the application has stopped
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", throwaway ? "off" : "on")
                    .start();
            LOG.infof("Started embedded PostgreSQL on port %d with %s data in %s (set QUARKUS_DATASOURCE_JDBC_URL to use "
                    + "another server)", port, throwaway ? "throwaway" : "persistent", dir);
            return postgres;
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Could not start the embedded PostgreSQL on port %d: %s", port, e.getMessage());
            throw new IllegalStateException("Could not start the embedded PostgreSQL on port " + port, e);
        }
    }

    private static void stopOnceStarted(CompletableFuture<EmbeddedPostgres> started, Path throwawayDir) {
        EmbeddedPostgres postgres;
        try {
            postgres = started.join();
        } catch (CompletionException e) {
            deleteThrowaway(throwawayDir); // it never started: nothing to stop
            return;
        }
        stop(postgres, throwawayDir);
    }

    /** What zonky does when given no port: the kernel's choice of a free one, released for the server to take. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for the embedded PostgreSQL", e);
        }
    }

    private static void stop(EmbeddedPostgres postgres, Path throwawayDir) {
        awaitApplicationStopped();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
        deleteThrowaway(throwawayDir);
    }

    private static void deleteThrowaway(Path throwawayDir) {
        if (throwawayDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(throwawayDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not delete the embedded PostgreSQL's throwaway data in %s: %s", throwawayDir,
                    e.getMessage());
        }
    }

    /**
     * The JVM runs its shutdown hooks at the same time: without waiting, the database went away while the application
     * was still stopping (webhook claims given back, requests in flight, the pool closing), which logged a stack trace
     * per connection on every stop. Waits for the application to have stopped, at most {@link #STOP_PATIENCE_MILLIS}
     * (an application that never started has nothing to wait for).
     */
    private static void awaitApplicationStopped() {
        Application application = Application.currentApplication();
        if (application == null) {
            return;
        }
        Thread waiter = new Thread(application::awaitShutdown, "byline-embedded-postgres-await-stop");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(STOP_PATIENCE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}

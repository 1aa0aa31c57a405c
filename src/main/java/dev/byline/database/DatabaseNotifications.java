package dev.byline.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@code byline} channel (written by the triggers of migration V6) and hands each committed
 * change to the caches and long polls of this instance, so that a change made anywhere reaches every instance.
 *
 * <p>One dedicated connection outside the pool, read by one daemon thread. When the connection breaks, notices may
 * have been missed: subscribers get a {@link Notice#RESET} both when it breaks and once it listens again, and
 * {@link #listening()} is false in between, so caches serve nothing they cannot vouch for.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    private static final String CHANNEL = "byline";
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    /** What changed: a kind ({@code article}, {@code source}, {@code comments}, {@code catalogue}, {@code change}) and a key. */
    public record Notice(String kind, String key) {

        /** Notices may have been missed: forget everything derived from the database. */
        public static final Notice RESET = new Notice("reset", null);

        static Notice parse(String payload) {
            int space = payload.indexOf(' ');
            return space < 0 ? new Notice(payload, null) : new Notice(payload.substring(0, space), payload.substring(space + 1));
        }
    }

    private final Config config;
    private final List<Consumer<Notice>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile Connection connection;
    private Thread thread;

    public DatabaseNotifications(Config config) {
        this.config = config;
    }

    /** Calls {@code subscriber} on the listening thread for every notice; it must be quick and must not block. */
    public void subscribe(Consumer<Notice> subscriber) {
        subscribers.add(subscriber);
    }

    /** Whether notices are arriving now; while false, anything cached may be stale. */
    public boolean listening() {
        return listening;
    }

    void start(@Observes StartupEvent startup) {
        thread = new Thread(this::run, "byline-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        listening = false;
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try (Connection conn = connect()) {
                connection = conn;
                try (Statement statement = conn.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = conn.unwrap(PGConnection.class);
                listening = true;
                deliver(Notice.RESET); // whatever happened before we listened is unknown
                while (!stopped) {
                    PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(Notice.parse(notice.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    LOG.warnf("Lost the database notification connection (%s); caches are bypassed until it is back",
                            e.getMessage());
                }
            } finally {
                boolean was = listening;
                listening = false;
                if (was) {
                    deliver(Notice.RESET);
                }
            }
            sleepBeforeRetry();
        }
    }

    private Connection connect() throws SQLException {
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
        Connection conn = DriverManager.getConnection(url, user, password);
        conn.setAutoCommit(true);
        return conn;
    }

    private void deliver(Notice notice) {
        for (Consumer<Notice> subscriber : subscribers) {
            try {
                subscriber.accept(notice);
            } catch (RuntimeException e) {
                LOG.error("A subscriber failed on a database notice", e);
            }
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (SQLException e) {
            // closing on shutdown: nothing left to do
        }
    }
}

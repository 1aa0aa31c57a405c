package dev.byline.syndication;

import dev.byline.web.CursorCodec;
import dev.byline.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the change feed page by page, optionally waiting for the next change (long poll). */
@ApplicationScoped
public class ChangeFeed {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_WAIT_SECONDS = 30;
    private static final String SCOPE = "changes";
    /** How often a waiting reader looks again, in case the change committed on another instance. */
    private static final long RECHECK_MILLIS = 1000;

    private final CursorCodec cursors;
    private final ChangeLog log;

    public ChangeFeed(CursorCodec cursors, ChangeLog log) {
        this.cursors = cursors;
        this.log = log;
    }

    /** Where a reader stands: after {@code seq}, whose change was recorded at {@code at}. */
    record Position(long seq, Instant at) {
        static final Position START = new Position(0, Instant.EPOCH);
    }

    /**
     * A page of changes after the cursor, and the cursor to continue from (the same one when the page is empty).
     * The page's Last-Modified is the time of its last change, which grows with seq.
     */
    public record Window(List<ArticleChange> changes, String next, Instant lastModified) {
    }

    /**
     * The changes after {@code cursor}; with {@code wait} > 0 and none yet, waits up to that long for one.
     *
     * <p>The first version of the long poll parks the request's worker thread, waking when a change commits on this
     * instance and at least every second to look for changes committed by other instances. Each look is its own
     * short transaction, so no connection is held while waiting. Many concurrent long polls each hold a worker
     * thread; an event-loop version (a Uni completed by the commit) is the next step if partners grow many.
     */
    public Window read(String cursor, int limit, Duration wait) throws InterruptedException {
        Position after = cursor == null ? Position.START : decode(cursor);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<ArticleChange> changes = QuarkusTransaction.requiringNew().call(() -> ArticleChange.after(after.seq(), limit));
            long left = deadline - System.nanoTime();
            if (!changes.isEmpty() || left <= 0) {
                return window(after, changes);
            }
            log.awaitCommit(Math.max(1, Math.min(RECHECK_MILLIS, left / 1_000_000)));
        }
    }

    private Window window(Position after, List<ArticleChange> changes) {
        if (changes.isEmpty()) {
            return new Window(changes, encode(after), after.at());
        }
        ArticleChange last = changes.get(changes.size() - 1);
        return new Window(changes, encode(new Position(last.seq, last.at)), last.at);
    }

    private String encode(Position position) {
        return cursors.encode(SCOPE, List.of(Long.toString(position.seq()), position.at().toString()));
    }

    private Position decode(String cursor) {
        List<String> values = cursors.decode(SCOPE, cursor, 2);
        try {
            return new Position(Long.parseLong(values.get(0)), Instant.parse(values.get(1)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ProblemException.invalidQuery("cursor", "not a cursor issued for this query");
        }
    }
}

package dev.byline.syndication;

import dev.byline.web.CursorCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the change feed page by page, optionally waiting for the next change (long poll) without holding a thread or
 * a connection while it waits.
 */
@ApplicationScoped
public class ChangeFeed {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_WAIT_SECONDS = 30;
    private static final String SCOPE = "changes";

    private final CursorCodec cursors;
    private final ChangeWatch watch;

    public ChangeFeed(CursorCodec cursors, ChangeWatch watch) {
        this.cursors = cursors;
        this.watch = watch;
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

    /** Where {@code cursor} stands; the start of the feed when there is none. */
    Position position(String cursor) {
        return cursor == null || cursor.isBlank() ? Position.START : decode(cursor);
    }

    /** The changes after {@code after}, read now in a short transaction (on a worker thread: JDBC blocks). */
    Window read(Position after, int limit) {
        List<ArticleChange> changes = QuarkusTransaction.requiringNew().call(() -> ArticleChange.after(after.seq(), limit));
        return window(after, changes);
    }

    /**
     * The changes after {@code after}; when there are none yet, waits up to {@code wait} for one (long poll).
     *
     * <p>Call it on a worker thread: it reads at once, unless {@link ChangeWatch} already knows there is nothing newer.
     * An empty page is then parked in ChangeWatch, which holds no thread: when a change commits on any instance the
     * page is read again on a worker, and at the deadline the empty page is returned as it was. Cancelling the Uni
     * (the client went away) forgets the poll.
     */
    Uni<Window> poll(Position after, int limit, Duration wait) {
        return poll(after, limit, System.nanoTime() + wait.toNanos());
    }

    private Uni<Window> poll(Position after, int limit, long deadline) {
        long newest = watch.newest();
        boolean caughtUp = watch.current() && after.seq() >= newest;
        // Everything up to the newest change known before the read is in the read, or was not committed by then;
        // waiting for a change after it (not after the cursor) means a gap in seq never wakes this poll in a loop.
        long seen = Math.max(after.seq(), newest);
        // A reader that has seen the newest change announced has nothing to read: most polls of partners that keep
        // up cost no query at all, and any change that commits from now on wakes them.
        Window window = caughtUp ? window(after, List.of()) : read(after, limit);
        if (!window.changes().isEmpty()) {
            return Uni.createFrom().item(window);
        }
        return watch.changeAfter(seen, deadline).chain(changed -> changed
                ? Uni.createFrom().deferred(() -> poll(after, limit, deadline))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                : Uni.createFrom().item(window));
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
        CursorCodec.Values values = cursors.decode(SCOPE, cursor, 2);
        return new Position(values.number(0), values.instant(1));
    }
}

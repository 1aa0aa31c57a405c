package dev.byline.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded server starts beside Quarkus; connections opened meanwhile must wait for it, or learn why not. */
class EmbeddedPostgresSocketsTest {

    @AfterEach
    void nothingPending() {
        EmbeddedPostgresSockets.starting(CompletableFuture.completedFuture(null));
    }

    @Test
    void aConnectionOpenedWhileTheServerStartsWaitsForIt() throws Exception {
        CompletableFuture<Void> start = new CompletableFuture<>();
        EmbeddedPostgresSockets.starting(start);

        CompletableFuture<Socket> socket = CompletableFuture.supplyAsync(() -> {
            try {
                return new EmbeddedPostgresSockets().createSocket();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        assertFalse(socket.isDone(), "the socket was made before the server was up");
        start.complete(null);
        Socket made = socket.get(5, TimeUnit.SECONDS);
        assertNotNull(made);
        assertFalse(made.isConnected(), "pgjdbc connects the socket itself");
    }

    @Test
    void aConnectionAfterAFailedStartFailsWithTheReason() {
        IllegalStateException reason = new IllegalStateException("Could not start the embedded PostgreSQL on port 5");
        EmbeddedPostgresSockets.starting(CompletableFuture.failedFuture(reason));

        IOException refused = assertThrows(IOException.class, () -> new EmbeddedPostgresSockets().createSocket());

        assertEquals("The embedded PostgreSQL did not start (see the log for why)", refused.getMessage());
        assertSame(reason, refused.getCause());
    }

    @Test
    void withoutAStartInThisClassLoaderNothingWaits() throws IOException {
        try (Socket socket = new EmbeddedPostgresSockets().createSocket()) {
            assertFalse(socket.isClosed());
        }
    }
}

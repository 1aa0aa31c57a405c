package dev.byline.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.SocketFactory;

/**
 * The socket factory named in the embedded server's JDBC URL (pgjdbc's {@code socketFactory} parameter): a
 * connection opened while the server is still starting waits for it, and one opened after a failed start fails
 * with the reason. Once the server is up this is the platform's factory plus one completed-future check.
 *
 * <p>Without a start in this class loader (another instance given the URL, a dev-mode reload after the server
 * came up) there is nothing to wait for.
 */
public final class EmbeddedPostgresSockets extends SocketFactory {

    private static volatile CompletableFuture<?> start = CompletableFuture.completedFuture(null);

    /** pgjdbc makes one per connection, through this constructor. */
    public EmbeddedPostgresSockets() {
    }

    static void starting(CompletableFuture<?> pending) {
        start = pending;
    }

    private static void awaitStarted() throws IOException {
        try {
            start.join();
        } catch (CompletionException e) {
            throw new IOException("The embedded PostgreSQL did not start (see the log for why)", e.getCause());
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        awaitStarted();
        return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        awaitStarted();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        awaitStarted();
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        awaitStarted();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        awaitStarted();
        return new Socket(address, port, localAddress, localPort);
    }
}

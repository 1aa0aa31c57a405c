package dev.byline.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webhook receiver on loopback for tests: records every request it gets, per path, and answers each path with the
 * statuses a test scripted for it (then with its default).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived: the headers (names in lower case) and the raw body. */
    record Request(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a fresh path on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** Answers the next requests to {@code path} with these statuses in turn. */
    void script(String path, Integer... statuses) {
        scripts.computeIfAbsent("/" + path, p -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Answers requests to {@code path} with {@code status} once its script is used up (204 unless set). */
    void answerAlways(String path, int status) {
        defaults.put("/" + path, status);
    }

    List<Request> received(String path) {
        List<Request> requests = received.getOrDefault("/" + path, List.of());
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        List<Request> requests = received.computeIfAbsent(path, p -> new ArrayList<>());
        synchronized (requests) {
            requests.add(new Request(headers, body));
        }
        Deque<Integer> script = scripts.get(path);
        Integer scripted = script == null ? null : script.poll();
        int status = scripted != null ? scripted : defaults.getOrDefault(path, 204);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

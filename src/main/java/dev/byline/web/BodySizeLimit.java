package dev.byline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.BylineConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads request bodies on the event loop, within {@code quarkus.http.limits.max-body-size} and
 * {@code byline.http.body-timeout}, before any resource sees them.
 *
 * <p>Quarkus REST reads the body of a blocking endpoint on the worker thread that runs it, blocking until the last
 * byte arrives: a few hundred clients trickling bodies would hold every worker while public reads queue behind them.
 * This route reads every body of a POST, PUT or PATCH into memory first, without a thread (Quarkus REST then takes it
 * from the routing context), and answers 408 when it has not arrived within the timeout. HTTP/2 bodies (h2c) are still
 * read by Quarkus as before: its REST layer cannot take an HTTP/2 request whose body was read ahead (it pauses the
 * stream, which Vert.x refuses once the stream has ended).
 *
 * <p>No operation reads a multipart body, and one that never reaches its closing boundary left the request unanswered
 * for good: multipart bodies are refused with 415 before anything reads them.
 *
 * <p>Quarkus enforces the size limit below JAX-RS, in a Vert.x route (Content-Length) and in the stream the body is
 * read from (chunked bodies), and answers with an empty 413 that no exception mapper can shape. This route runs just
 * before Quarkus's: it refuses a declared length over the limit at once, and stops reading a body of undeclared length
 * at the limit, so both ways end in the problem+json 413 that the contract documents.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    /** Bodies declared up to this many times the limit are read and discarded before the 413 is sent. */
    private static final long DRAINED_FACTOR = 4;
    private static final String TIMER = "byline.body-timer";
    private static final String TIMED_OUT = "byline.body-timed-out";

    void readBodiesAhead(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            BylineConfig config, ObjectMapper mapper) {
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long timeout = config.http().bodyTimeout().toMillis();
        BodyHandler bodies = BodyHandler.create(false);
        if (maxBodySize.isPresent()) {
            bodies.setBodyLimit(limit);
        }
        router.route().order(RouteOrder.BODY_READ_AHEAD)
                .handler(context -> {
                    long length = declaredLength(context);
                    String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
                    if (type != null && type.trim().regionMatches(true, 0, "multipart/", 0, 10)) {
                        Problems.send(context, mapper, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                                "No operation of this service reads a multipart body; send the document itself.", true);
                    } else if (length > limit && length <= limit * DRAINED_FACTOR) {
                        // Read the rest before answering: a client still sending when the connection closes
                        // sees a broken pipe instead of the 413. Beyond a few times the limit it is not worth it.
                        startTimer(context, timeout, mapper);
                        context.request().handler(ignored -> { })
                                .endHandler(ended -> {
                                    if (!stopTimer(context)) {
                                        refuse(context, limit, mapper);
                                    }
                                })
                                .resume();
                    } else if (length > limit) {
                        refuse(context, limit, mapper);
                    } else if (mayHaveBody(context.request().method()) && length != 0
                            && context.request().version() != HttpVersion.HTTP_2) {
                        startTimer(context, timeout, mapper);
                        bodies.handle(context); // calls the next handler once the body is in; fails with 413 past the limit
                    } else {
                        context.next();
                    }
                })
                .handler(context -> {
                    if (!stopTimer(context)) {
                        context.next();
                    }
                })
                .failureHandler(context -> {
                    if (stopTimer(context) || context.response().closed()) {
                        // Answered 408 already, or the client went away mid-body: nobody is left to answer.
                        return;
                    }
                    // The body handler fails with 413 past the limit, and with 417 for any expectation but
                    // 100-continue (RFC 9110 §10.1.1), before reading the body: closing is the only way past it.
                    int status = context.statusCode();
                    if (context.response().headWritten()) {
                        context.next();
                    } else if (status == ProblemType.TOO_LARGE.status()) {
                        refuse(context, limit, mapper);
                    } else if (status == ProblemType.EXPECTATION_FAILED.status()) {
                        Problems.send(context, mapper, ProblemType.EXPECTATION_FAILED, "This service meets no "
                                + "expectation but 100-continue; send the request without this Expect header.", true);
                    } else {
                        context.next();
                    }
                });
    }

    private static void startTimer(RoutingContext context, long timeoutMillis, ObjectMapper mapper) {
        context.put(TIMER, context.vertx().setTimer(timeoutMillis, fired -> timedOut(context, timeoutMillis, mapper)));
    }

    /** Cancels the body's timer; true when it had already fired and the request was answered. */
    private static boolean stopTimer(RoutingContext context) {
        Long timer = context.get(TIMER);
        if (timer != null) {
            context.vertx().cancelTimer(timer);
        }
        return Boolean.TRUE.equals(context.get(TIMED_OUT));
    }

    private static void timedOut(RoutingContext context, long timeoutMillis, ObjectMapper mapper) {
        if (context.response().headWritten()) {
            return;
        }
        context.put(TIMED_OUT, true);
        Problems.send(context, mapper, ProblemType.REQUEST_TIMEOUT, "The request body did not arrive within "
                + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms")
                + " of its headers; send the whole body at once.", true);
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge; the HTTP codec refuses a malformed Content-Length
        }
    }

    private static void refuse(RoutingContext context, long limit, ObjectMapper mapper) {
        Problems.send(context, mapper, ProblemType.TOO_LARGE,
                "The request body is larger than the " + describe(limit) + " this service accepts.", true);
    }

    static String describe(long bytes) {
        if (bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }
}

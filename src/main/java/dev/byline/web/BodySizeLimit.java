package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over {@code quarkus.http.limits.max-body-size} with the problem+json 413 that the contract
 * documents.
 *
 * <p>Quarkus enforces the limit below JAX-RS, in a Vert.x route (Content-Length) and in the stream the body is read
 * from (chunked bodies), and answers with an empty 413 that no exception mapper can shape. This route runs just
 * before Quarkus's: it refuses a declared length over the limit at once, and reads a body of undeclared length
 * into memory up to the limit first (where Quarkus REST then takes it from), so both ways end here.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Quarkus's own body size check is a route of order -2. */
    private static final int BEFORE_QUARKUS_CHECK = -3;
    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    /** Bodies declared up to this many times the limit are read and discarded before the 413 is sent. */
    private static final long DRAINED_FACTOR = 4;

    void refuseOversizedBodies(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize, ObjectMapper mapper) {
        maxBodySize.map(MemorySize::asLongValue).ifPresent(limit -> {
            BodyHandler undeclaredLength = BodyHandler.create(false).setBodyLimit(limit);
            router.route().order(BEFORE_QUARKUS_CHECK)
                    .handler(context -> {
                        long length = declaredLength(context);
                        if (length > limit && length <= limit * DRAINED_FACTOR) {
                            // Read the rest before answering: a client still sending when the connection closes
                            // sees a broken pipe instead of the 413. Beyond a few times the limit it is not worth it.
                            context.request().handler(ignored -> { })
                                    .endHandler(ended -> refuse(context, limit, mapper))
                                    .resume();
                        } else if (length > limit) {
                            refuse(context, limit, mapper);
                        } else if (length < 0 && mayHaveBody(context.request().method())) {
                            undeclaredLength.handle(context); // fails the context with 413 once past the limit
                        } else {
                            context.next();
                        }
                    })
                    .failureHandler(context -> {
                        if (context.statusCode() == ProblemType.TOO_LARGE.status() && !context.response().headWritten()) {
                            refuse(context, limit, mapper);
                        } else {
                            context.next();
                        }
                    });
        });
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
        ProblemType type = ProblemType.TOO_LARGE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(),
                "The request body is larger than the " + describe(limit) + " this service accepts.",
                context.request().path(), List.of());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // The rest of the body is not read: close the connection once the answer is out, as Quarkus does.
        context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON.toString())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close())
                .end(Buffer.buffer(body));
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

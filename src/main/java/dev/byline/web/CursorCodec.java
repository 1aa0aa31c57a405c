package dev.byline.web;

import dev.byline.BylineConfig;
import dev.byline.Digests;
import dev.byline.database.ServerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;

/**
 * Opaque, tamper-evident paging cursors.
 *
 * <p>A cursor holds the sort key of the last item served, signed with HMAC-SHA256 together with the query's
 * scope (endpoint, sort and filters), so a cursor cannot be edited or replayed against a different query.
 * The key comes from configuration or is generated once and kept in the database, so cursors outlive restarts
 * and work across instances.
 */
@ApplicationScoped
public class CursorCodec {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final char SEPARATOR = '\u001f';
    private static final int MAC_BYTES = 16;
    private static final int MAX_CURSOR_LENGTH = 1024;

    private final BylineConfig config;
    private final ServerSecrets secrets;

    public CursorCodec(BylineConfig config, ServerSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    /** A cursor holding {@code values} for the query named by {@code scope}. */
    public String encode(String scope, List<String> values) {
        byte[] payload = String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(scope, payload));
    }

    /** The values encoded in {@code cursor}; a 400 problem naming the cursor when it was altered or made for another query. */
    public Values decode(String scope, String cursor, int expectedValues) {
        int dot = cursor.indexOf('.');
        if (cursor.length() > MAX_CURSOR_LENGTH || dot < 0) {
            throw invalid();
        }
        try {
            byte[] payload = B64D.decode(cursor.substring(0, dot));
            byte[] signature = B64D.decode(cursor.substring(dot + 1));
            if (!Digests.equal(signature, mac(scope, payload))) {
                throw invalid();
            }
            List<String> values = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expectedValues) {
                throw invalid();
            }
            return new Values(values);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /**
     * Keyset paging's last step. {@code rows} were fetched in the page's order with a limit of
     * {@link #fetchSize fetchSize(limit)}: the first {@code limit} become the page, shown by {@code view}, and when
     * a row was left over the next page starts after the page's last row, whose sort key {@code key} gives.
     */
    public <R, T> Page<T> page(String scope, List<R> rows, int limit, Function<? super R, List<String>> key,
            Function<? super R, ? extends T> view) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(scope, key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page.stream().<T>map(view).toList(), next);
    }

    /** How many rows a page of {@code limit} fetches: one more, to learn whether another page follows. */
    public static int fetchSize(int limit) {
        return limit + 1;
    }

    /**
     * The values of a verified cursor, read by type; one that does not parse means the cursor was not made by this
     * service for this query, and is refused like an altered one.
     */
    public record Values(List<String> values) {

        public String text(int index) {
            return values.get(index);
        }

        public Instant instant(int index) {
            return parsed(index, Instant::parse);
        }

        public UUID uuid(int index) {
            return parsed(index, UUID::fromString);
        }

        public int integer(int index) {
            return parsed(index, Integer::parseInt);
        }

        public long number(int index) {
            return parsed(index, Long::parseLong);
        }

        /** The value at {@code index} read by {@code parse}; a cursor that holds something else is invalid. */
        private <T> T parsed(int index, Function<String, T> parse) {
            try {
                return parse.apply(values.get(index));
            } catch (DateTimeParseException | IllegalArgumentException e) { // NumberFormatException is one
                throw invalid();
            }
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.BAD_CURSOR,
                "The cursor was altered, or was made for another sort or other filters. Start again without a cursor, "
                        + "or pass the query parameters the cursor came with.",
                List.of(new Problem.FieldError("query", "cursor", "not a cursor issued for this query")), Map.of());
    }

    private byte[] mac(String scope, byte[] payload) {
        Mac mac = Digests.hmacSha256(secrets.hmacKey("cursor", config.cursorSecret()));
        mac.update(scope.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(payload);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }
}

package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Serialises response bodies once, tags them with a strong ETag and answers conditional GETs with 304: the one
 * place where If-None-Match, If-Modified-Since and (on reads) If-Match are judged, for bodies rendered now and bodies
 * answered from memory alike. Every response with a body is built as a {@link Representation}.
 *
 * <p>An entity's tag is {@code "v<version>-<digest>"}: the version is the editorial revision that If-Match checks,
 * the digest covers everything else that shows in the body (a comment count, a renamed source), so caches
 * revalidate whenever the bytes change.
 */
@ApplicationScoped
public class Representations {

    /**
     * Editors see drafts through the same URLs, so what a cache stores depends on the credentials sent; and bodies
     * go out gzip-compressed to clients that accept it.
     */
    private static final String VARY = "Accept-Encoding, Authorization, X-API-Key";

    private final ObjectMapper mapper;

    public Representations(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Starts the representation of {@code body} as JSON, serialised once, now. */
    public Representation of(Object body) {
        byte[] bytes = serialise(body);
        return new Representation(MediaType.APPLICATION_JSON_TYPE, bytes, null);
    }

    /** Starts the representation of a body already rendered in {@code type} (a kept page, ninjs, a feed). */
    public static Representation of(byte[] bytes, MediaType type) {
        return new Representation(type, bytes, null);
    }

    /** Starts the representation of JSON already rendered (a kept page or article). */
    public static Representation ofJson(byte[] json) {
        return of(json, MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * Starts a representation whose body is rendered only when the request's validators do not answer it already:
     * give it a {@link Representation#tag} and a {@link Representation#lastModified}, known before the body is.
     */
    public static Representation deferred(MediaType type, Supplier<byte[]> render) {
        return new Representation(type, null, render);
    }

    /**
     * One response in the making, built in the order HTTP judges it: the body, its validators (a strong ETag, by
     * default the digest of the bytes; a Last-Modified), who may cache it (by default nobody), what it varies by (by
     * default the credentials and Accept-Encoding), and the answer: 304 when the request's preconditions say the
     * client's copy is current, 412 when its If-Match names another version, else 200 with the body.
     */
    public static final class Representation {

        private final MediaType type;
        private byte[] bytes;
        private final Supplier<byte[]> render;
        private String tag;
        private Instant lastModified;
        private String cacheControl = Caching.noStore();
        private String vary = VARY;

        private Representation(MediaType type, byte[] bytes, Supplier<byte[]> render) {
            this.type = type;
            this.bytes = bytes;
            this.render = render;
        }

        /** The ETag of a versioned resource, {@code v<version>-<digest>} (see {@link #versionTag}). */
        public Representation version(long version) {
            return tag(versionTag(version, bytes()));
        }

        /** A strong ETag computed when the body was rendered (without the quotes). */
        public Representation tag(String strongTag) {
            this.tag = strongTag;
            return this;
        }

        /** When the resource last changed; sent to the second, and judged against If-Modified-Since. */
        public Representation lastModified(Instant lastModified) {
            this.lastModified = lastModified;
            return this;
        }

        /** The Cache-Control value, one of {@link Caching}'s. */
        public Representation cache(String cacheControl) {
            this.cacheControl = cacheControl;
            return this;
        }

        /** The Vary value, one of {@link #varyByCredentials}. */
        public Representation vary(String vary) {
            this.vary = vary;
            return this;
        }

        /** The answer to a GET: 304, 412 (thrown) or 200 with the body. */
        public Response answer(HttpHeaders request) {
            EntityTag entityTag = new EntityTag(tag != null ? tag : digest(bytes()));
            Date modified = lastModified == null ? null : Date.from(lastModified.truncatedTo(ChronoUnit.SECONDS));
            Response.ResponseBuilder response = notModified(request, entityTag, modified)
                    ? Response.notModified(entityTag)
                    : Response.ok(bytes(), type).tag(entityTag);
            if (modified != null) {
                response.lastModified(modified);
            }
            return response.header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, vary)
                    .build();
        }

        /**
         * The answer to a write (201 after POST, 200 after PATCH): the body with its ETag, never stored by a cache,
         * open for a status and a Location.
         */
        public Response.ResponseBuilder written() {
            return Response.ok(bytes(), type)
                    .tag(new EntityTag(tag != null ? tag : digest(bytes())))
                    .header(HttpHeaders.CACHE_CONTROL, Caching.noStore());
        }

        private byte[] bytes() {
            if (bytes == null) {
                bytes = render.get();
            }
            return bytes;
        }
    }

    /**
     * The strong tag of a versioned resource's JSON: {@code v<version>-<digest>}. If-Match compares the version; the
     * digest moves with whatever else shows in the body (a comment count, a renamed source). Computed once when the
     * body is rendered, never per request.
     */
    public static String versionTag(long version, byte[] json) {
        return "v" + version + "-" + digest(json);
    }

    /** The Vary of responses that differ by credentials; add {@code Accept} where the media type is negotiated. */
    public static String varyByCredentials(boolean andAccept) {
        return andAccept ? "Accept, " + VARY : VARY;
    }

    /** The strong tag of a derived resource (a list, a feed): a digest of its bytes. */
    public static String contentTag(byte[] bytes) {
        return digest(bytes);
    }

    /** {@code body} as the JSON bytes every representation of it is made of. */
    public byte[] json(Object body) {
        return serialise(body);
    }

    /**
     * Whether an {@code If-None-Match} value (null when absent) names the current representation, whose strong ETag
     * value is {@code tag}: then a GET is answered 304. Weak comparison, as If-None-Match requires: W/"x" matches "x".
     */
    public static boolean noneMatch(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        int from = 0;
        while (from < ifNoneMatch.length()) {
            int comma = ifNoneMatch.indexOf(',', from);
            int to = comma < 0 ? ifNoneMatch.length() : comma;
            String value = ifNoneMatch.substring(from, to).trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("*") || value.length() == tag.length() + 2 && value.charAt(0) == '"'
                    && value.endsWith("\"") && value.regionMatches(1, tag, 0, tag.length())) {
                return true;
            }
            from = to + 1;
        }
        return false;
    }

    /**
     * Whether a 304 answers a GET of a representation tagged {@code tag} and last modified at {@code modified} (null
     * when it has no date), evaluated as RFC 9110 §13.2.2 orders: If-Match, then If-None-Match, and If-Modified-Since
     * only without If-None-Match. Only called when the representation exists, so {@code If-None-Match: *} matches.
     */
    private static boolean notModified(HttpHeaders request, EntityTag tag, Date modified) {
        String ifMatch = request.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch != null && !strongMatch(ifMatch, tag)) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match names no current version of this resource; its ETag is now \"" + tag.getValue() + "\".");
        }
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return noneMatch(ifNoneMatch, tag.getValue());
        }
        String ifModifiedSince = request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || modified == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            // A date the server's clock has not reached is not a date the client can have seen (RFC 7232 §3.3): it
            // is ignored, or every request with a date far ahead would be a 304 whatever changed.
            return !since.isAfter(Instant.now()) && !modified.toInstant().isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored (RFC 9110 §13.1.3)
        }
    }

    /** Whether an If-Match list (or {@code *}) names {@code tag}, by strong comparison as If-Match requires. */
    private static boolean strongMatch(String field, EntityTag tag) {
        String current = "\"" + tag.getValue() + "\"";
        for (String candidate : field.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a 304 to this request revalidated a copy the client holds, so that it need not count against a rate
     * limit: {@code If-None-Match: *} is answered 304 as RFC 9110 §13.1.2 says, but names no copy at all.
     */
    public static boolean revalidates(String ifNoneMatch) {
        return ifNoneMatch == null || !ifNoneMatch.trim().equals("*");
    }

    private byte[] serialise(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * 64 bits of two hardware-accelerated checksums of the bytes: enough to tell two versions of one resource apart
     * (an ETag needs no cryptographic strength), at a fraction of a SHA-256's cost for a 5 KB article.
     */
    private static String digest(byte[] bytes) {
        CRC32C first = new CRC32C();
        first.update(bytes);
        CRC32 second = new CRC32();
        second.update(bytes);
        return HexFormat.of().toHexDigits(first.getValue() << 32 | second.getValue());
    }
}

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
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Serialises response bodies once, tags them with a strong ETag and answers conditional GETs with 304: the one
 * place where If-None-Match, If-Modified-Since and (on reads) If-Match are judged, for bodies rendered now and bodies
 * answered from memory alike.
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

    /** A versioned resource. */
    public Response ok(HttpHeaders request, Object body, long version, String cacheControl) {
        byte[] bytes = serialise(body);
        return conditional(request, bytes, new EntityTag(versionTag(version, bytes)), cacheControl, VARY);
    }

    /** A collection or other derived resource: the tag is the digest of the body. */
    public Response ok(HttpHeaders request, Object body, String cacheControl) {
        byte[] bytes = serialise(body);
        return conditional(request, bytes, new EntityTag(digest(bytes)), cacheControl, VARY);
    }

    /** A versioned resource already rendered to JSON, with the tag {@link #versionTag} gave it when it was rendered. */
    public Response ok(HttpHeaders request, byte[] json, String tag, String cacheControl, String vary) {
        return conditional(request, json, new EntityTag(tag), cacheControl, vary);
    }

    /** The ETag a versioned resource would carry, for responses to writes (201, 200 after PATCH). */
    public Response.ResponseBuilder written(Object body, long version) {
        byte[] bytes = serialise(body);
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(versionTag(version, bytes)))
                .header(HttpHeaders.CACHE_CONTROL, Caching.noStore());
    }

    /**
     * The strong tag of a versioned resource's JSON: {@code v<version>-<digest>}. If-Match compares the version; the
     * digest moves with whatever else shows in the body (a comment count, a renamed source). Computed once when the
     * body is rendered, never per request.
     */
    public static String versionTag(long version, byte[] json) {
        return "v" + version + "-" + digest(json);
    }

    private static Response conditional(HttpHeaders request, byte[] bytes, EntityTag tag, String cacheControl,
            String vary) {
        if (notModified(request, tag, null)) {
            return Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, vary).build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE)
                .tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, vary)
                .build();
    }

    /**
     * A body already rendered in any media type (a feed, ninjs), with a strong ETag over its bytes and a
     * Last-Modified. {@code If-None-Match} wins over {@code If-Modified-Since} (RFC 9110 §13.2.2); either answers 304
     * with the validators and caching headers but no body.
     */
    public Response ok(HttpHeaders request, byte[] bytes, MediaType type, Instant lastModified, String cacheControl,
            String vary) {
        return ok(request, bytes, type, new EntityTag(digest(bytes)), lastModified, cacheControl, vary);
    }

    /** As above, for a body whose tag was computed when it was rendered. */
    public Response ok(HttpHeaders request, byte[] bytes, MediaType type, EntityTag tag, Instant lastModified,
            String cacheControl, String vary) {
        return notModified(request, tag, lastModified, cacheControl, vary)
                .orElseGet(() -> ok(bytes, type, tag, lastModified, cacheControl, vary));
    }

    /**
     * The 304 for a resource whose strong {@code tag} and Last-Modified are known before its body is built, when
     * the request's preconditions say the client's copy is current; empty when the body must be sent.
     */
    public Optional<Response> notModified(HttpHeaders request, EntityTag tag, Instant lastModified,
            String cacheControl, String vary) {
        Date modified = Date.from(lastModified.truncatedTo(ChronoUnit.SECONDS));
        if (!notModified(request, tag, modified)) {
            return Optional.empty();
        }
        return Optional.of(Response.notModified(tag).lastModified(modified)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, vary)
                .build());
    }

    /** A 200 with a body already rendered and the validators computed for it. */
    public Response ok(byte[] bytes, MediaType type, EntityTag tag, Instant lastModified, String cacheControl,
            String vary) {
        return Response.ok(bytes, type).tag(tag)
                .lastModified(Date.from(lastModified.truncatedTo(ChronoUnit.SECONDS)))
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, vary)
                .build();
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

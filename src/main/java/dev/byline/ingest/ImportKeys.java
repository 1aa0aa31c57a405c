package dev.byline.ingest;

import java.time.Instant;

/**
 * What recognises an item when it is sent again.
 *
 * @param form how it was read
 * @param origin the provider's identifier (ninjs uri, RSS guid, Atom id), or null
 * @param version the provider's version, or null
 * @param versionAt the time of that version, or null
 * @param fingerprint the {@link TextFingerprint} of its headline and cleaned body
 */
public record ImportKeys(ImportForm form, String origin, String version, Instant versionAt, String fingerprint) {

    /** How the report names a match on the origin, by form. */
    String originName() {
        return switch (form) {
            case NINJS -> "uri";
            case RSS -> "guid";
            case ATOM -> "id";
            case TEXT -> "text";
        };
    }
}

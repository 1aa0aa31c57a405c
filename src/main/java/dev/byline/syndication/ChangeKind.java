package dev.byline.syndication;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to an article, as the change feed tells partners. */
public enum ChangeKind {
    /** Partners may now show it (fetch it). */
    PUBLISHED,
    /** Its content changed (fetch it again). */
    UPDATED,
    /** A correction was appended (fetch it again). */
    CORRECTED,
    /** Taken down, or no longer syndicatable: remove it. */
    WITHDRAWN,
    /** Deleted for good: remove it; the item carries the tombstone. */
    DELETED,
    /** Its expiry passed: remove it. */
    EXPIRED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a mirror keeps the article after this change. */
    public boolean keeps() {
        return this == PUBLISHED || this == UPDATED || this == CORRECTED;
    }
}

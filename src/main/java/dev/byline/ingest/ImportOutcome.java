package dev.byline.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of an imported item. */
public enum ImportOutcome {
    /** A new draft. */
    CREATED,
    /** The same item (or the same text) was imported before: nothing changed. */
    EXISTING,
    /** A newer version of an item imported before: its article was updated. */
    UPDATED,
    /** The item could not be imported (feeds only; a single document gets a problem instead). */
    REFUSED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.byline.web;

import java.util.Optional;
import java.util.UUID;

/** Reads ids that clients send where a slug may stand instead (an article's {@code idOrSlug}, a comment id). */
public final class Uuids {

    private Uuids() {
    }

    /** The UUID that {@code text} spells in its canonical 36-character form, or empty (a slug, or garbage). */
    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

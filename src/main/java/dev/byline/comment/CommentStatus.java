package dev.byline.comment;

import dev.byline.database.EnumAsText;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where a comment stands; only approved comments count and show. */
public enum CommentStatus {
    PENDING, APPROVED, REJECTED, SPAM, DELETED;

    public static CommentStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the status as its text, which V3's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<CommentStatus> {

        public AsText() {
            super(CommentStatus.class);
        }
    }
}

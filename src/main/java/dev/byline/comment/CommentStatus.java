package dev.byline.comment;

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
}

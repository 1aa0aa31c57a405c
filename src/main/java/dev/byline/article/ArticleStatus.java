package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an article is in its life. */
public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED, WITHDRAWN;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code stored}, a status column's value, is this status. */
    public boolean is(String stored) {
        return toString().equals(stored);
    }

    @JsonCreator
    public static ArticleStatus of(String value) {
        for (ArticleStatus status : values()) {
            if (status.toString().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of: draft, scheduled, published, withdrawn");
    }
}

package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.byline.database.EnumAsText;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where an article is in its life. */
public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED, WITHDRAWN;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
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

    /** Stores the status as its text, which V1's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<ArticleStatus> {

        public AsText() {
            super(ArticleStatus.class);
        }
    }
}

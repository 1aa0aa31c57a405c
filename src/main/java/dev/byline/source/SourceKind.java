package dev.byline.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.byline.database.EnumAsText;
import jakarta.persistence.Converter;

/** What sort of outlet a source is. */
public enum SourceKind {
    WIRE_AGENCY("wire-agency"),
    NEWSPAPER("newspaper"),
    BROADCASTER("broadcaster"),
    NEWS_WEBSITE("news-website"),
    SOCIAL_PLATFORM("social-platform"),
    GOVERNMENT("government"),
    OTHER("other");

    private final String value;

    SourceKind(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @JsonCreator
    public static SourceKind of(String value) {
        for (SourceKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of: wire-agency, newspaper, broadcaster, news-website, "
                + "social-platform, government, other");
    }

    /** Stores the kind as its text, which V1's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<SourceKind> {

        public AsText() {
            super(SourceKind.class);
        }
    }
}

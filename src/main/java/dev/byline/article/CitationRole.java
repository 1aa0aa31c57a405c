package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.byline.database.EnumAsText;
import jakarta.persistence.Converter;
import java.util.Locale;

/** How an article uses a cited source. */
public enum CitationRole {
    CITED, QUOTED, PHOTO, VIDEO, SUPPLIED, OTHER;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CitationRole of(String value) {
        for (CitationRole role : values()) {
            if (role.toString().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of: cited, quoted, photo, video, supplied, other");
    }

    /** Stores the role as its text, which V1's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<CitationRole> {

        public AsText() {
            super(CitationRole.class);
        }
    }
}

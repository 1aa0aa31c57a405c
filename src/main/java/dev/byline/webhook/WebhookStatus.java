package dev.byline.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.byline.database.EnumAsText;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Whether a webhook delivers, or was paused after failing for too long and waits to be resumed. */
public enum WebhookStatus {
    ACTIVE, PAUSED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the status as its text, which V13's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<WebhookStatus> {

        public AsText() {
            super(WebhookStatus.class);
        }
    }
}

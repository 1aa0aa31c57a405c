package dev.byline.webhook;

import dev.byline.web.HttpUrl;
import dev.byline.web.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A subscription as a partner writes it: where to deliver, and optionally which events, sections and sources (each
 * list empty or absent: every one). PATCH merges into this shape.
 */
public record WebhookInput(
        @NotBlank @Size(max = 2000) @HttpUrl String url,
        @Size(max = 200) String description,
        @Size(max = 6) List<@NotNull @Pattern(regexp = EVENT_TYPES, message = EVENT_TYPES_MESSAGE) String> events,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE) String> sections,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Patterns.SLUG, message = "must be the slug of a source") String> sources) {

    static final String EVENT_TYPES =
            "^article\\.(published|updated|corrected|withdrawn|deleted|expired)$";
    static final String EVENT_TYPES_MESSAGE = "must be one of: article.published, article.updated, article.corrected,"
            + " article.withdrawn, article.deleted, article.expired";

    static WebhookInput of(WebhookSubscription subscription) {
        return new WebhookInput(subscription.url, subscription.description, subscription.events, subscription.sections,
                subscription.sources);
    }
}

package dev.byline.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.web.MergePatch;
import dev.byline.web.MergePatch.Field;
import java.util.List;

/**
 * A PATCH to a webhook (RFC 7396): a field left out stays as it is, null clears it (an empty filter list: every
 * one), a value replaces it. The result is checked as a {@link WebhookInput}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebhookPatch(
        Field<String> url,
        Field<String> description,
        Field<List<String>> events,
        Field<List<String>> sections,
        Field<List<String>> sources) implements MergePatch.Document {

    /** The subscription's settings as {@code current} with this patch applied, to be validated like new ones. */
    WebhookInput applyTo(WebhookInput current) {
        return new WebhookInput(url.orElse(current.url()), description.orElse(current.description()),
                events.orElse(current.events()), sections.orElse(current.sections()), sources.orElse(current.sources()));
    }
}

package dev.byline.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.web.Problem;
import java.util.List;
import java.util.UUID;

/**
 * The answer to importing a feed: what became of each item, in feed order, and how many of each outcome.
 *
 * @param form rss or atom, as the document turned out to be
 * @param title the feed's title
 * @param notes what applies to the whole feed
 */
public record FeedImportResult(ImportForm form, String title, int created, int existing, int updated, int refused,
        List<Item> items, List<String> notes) {

    /**
     * One item's outcome.
     *
     * @param position its place in the feed, from 1
     * @param key its guid (or link) or Atom id, or null
     * @param headline its title
     * @param outcome created, existing, updated or refused
     * @param articleId the article it became or matched; null when refused
     * @param report what was detected; left out when refused
     * @param problem why it was refused; left out otherwise
     */
    public record Item(int position, String key, String headline, ImportOutcome outcome, UUID articleId,
            @JsonInclude(JsonInclude.Include.NON_NULL) ImportReport report,
            @JsonInclude(JsonInclude.Include.NON_NULL) Problem problem) {
    }
}

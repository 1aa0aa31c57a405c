package dev.byline.ingest;

import dev.byline.source.Rights;
import java.time.Instant;
import java.util.List;

/**
 * One item of wire copy as read from its form, before it is cleaned and its provenance detected. Exactly one of
 * {@code bodyHtml} and {@code bodyText} is set, or neither for a story without a body.
 *
 * @param form how it was read
 * @param origin the provider's identifier: the ninjs uri, the RSS guid (or link), the Atom id; null for text
 * @param version the provider's version (ninjs {@code version}), or null
 * @param versionAt when that version was made (ninjs versionCreated, Atom updated, RSS pubDate), or null
 * @param headline the headline
 * @param standfirst a summary (a ninjs description), or null
 * @param bodyHtml the body as HTML, or null
 * @param bodyText the body as text, or null
 * @param bodyFirstLine the line of the text sent where {@code bodyText} starts
 * @param byline who wrote it, or null
 * @param dateline where it was written, or null
 * @param language the language and where it was found
 * @param tags tags made from its subjects or categories
 * @param infoSources the parties a ninjs item names, or none
 * @param sourceHint where a feed says the item comes from (RSS item source, Atom entry source, the feed's title)
 * @param attributionFallback the credit line the document gives outside the body (a ninjs copyrightNotice)
 * @param rights copyright holder and usage terms the document gives, or null
 * @param canonicalUrl the item's own web address (a feed item's link), or null
 * @param notes what reading it noticed, for the report
 */
record WireStory(
        ImportForm form,
        String origin,
        String version,
        Instant versionAt,
        String headline,
        String standfirst,
        String bodyHtml,
        String bodyText,
        int bodyFirstLine,
        String byline,
        String dateline,
        Language language,
        List<String> tags,
        List<InfoSource> infoSources,
        SourceHint sourceHint,
        String attributionFallback,
        Rights rights,
        String canonicalUrl,
        List<String> notes) {

    /**
     * A party a ninjs item names: its originator, or a source it used.
     *
     * @param name the party's name
     * @param role its role as given (null when none)
     * @param literal an identifier as free text (Byline's own ninjs puts the source's slug here)
     */
    record InfoSource(String name, String role, String literal) {
    }

    /**
     * Where a feed says an item comes from.
     *
     * @param text the name given
     * @param from {@code item-source} (the item's own source element) or {@code feed-title}
     */
    record SourceHint(String text, String from) {
    }
}

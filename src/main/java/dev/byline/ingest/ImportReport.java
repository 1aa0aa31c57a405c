package dev.byline.ingest;

import dev.byline.article.CitationRole;
import dev.byline.source.SourceRef;
import java.util.List;

/**
 * What an import detected in one item and why: the lines taken out of the copy, the attribution line, the source
 * it names, the outlets the story cites (each with the sentence that shows it), names the register does not know,
 * and why the item became a new draft, matched an earlier one or updated it.
 *
 * @param form how the item was read
 * @param reason why this outcome, in a sentence
 * @param matchedBy what recognised an earlier import ({@code uri}, {@code guid}, {@code id} or {@code text}); null
 *     when there was none
 * @param language the language stored, and where it came from
 * @param removed lines taken out of the copy: page trailers, the attribution line, a byline line
 * @param attribution the attribution line found, or null
 * @param source the register's source the item was attributed to, or null
 * @param citedSources outlets the story cites or quotes, found in the register
 * @param suggestions outlets named in the story that the register does not know (nothing is created for them)
 * @param notes everything else worth knowing: what was ignored, defaulted or could not be decided
 */
public record ImportReport(
        ImportForm form,
        String reason,
        String matchedBy,
        Language language,
        List<RemovedLine> removed,
        AttributionFinding attribution,
        SourceFinding source,
        List<CitationFinding> citedSources,
        List<Suggestion> suggestions,
        List<String> notes) {

    /**
     * A line taken out of the copy.
     *
     * @param line its line in the text sent (for ninjs and feeds, in the body); null when the body was HTML
     * @param text the line as it was
     * @param reason why it was taken out
     */
    public record RemovedLine(Integer line, String text, String reason) {
    }

    /**
     * The attribution line, kept as the article's {@code attribution}.
     *
     * @param text as written (without a leading dash or brackets)
     * @param line where it stood, or null (HTML, or a ninjs copyrightNotice)
     * @param form which of the documented forms it has: {@code based-on}, {@code inputs-from}, {@code label},
     *     {@code dash}, {@code brackets}, {@code dateline} or {@code copyright-notice}
     * @param name the outlet it names, as written
     */
    public record AttributionFinding(String text, Integer line, String form, String name) {
    }

    /**
     * The originating source.
     *
     * @param source the register's entry
     * @param matched the words that matched, as written in the item
     * @param matchedOn whether they matched its {@code name}, an {@code alias} or its {@code slug}
     * @param from where in the item: {@code attribution}, {@code info-source}, {@code item-source} or
     *     {@code feed-title}
     * @param evidence the text it was found in
     */
    public record SourceFinding(SourceRef source, String matched, String matchedOn, String from, String evidence) {
    }

    /**
     * A cited outlet, stored in the article's {@code citedSources}.
     *
     * @param source the register's entry
     * @param role {@code cited} or {@code quoted} as the cue says (ninjs infoSources bring their own role)
     * @param cue the phrase that shows the citation, such as {@code according to}
     * @param matched the outlet's name as written
     * @param evidence the sentence it was found in
     */
    public record CitationFinding(SourceRef source, CitationRole role, String cue, String matched, String evidence) {
    }

    /**
     * An outlet the register does not know; register it (POST /api/v1/sources) for later imports to recognise it.
     *
     * @param name as written
     * @param cue the phrase it followed or preceded, or {@code attribution}, {@code info-source}, {@code item-source}
     * @param evidence the sentence it was found in
     */
    public record Suggestion(String name, String cue, String evidence) {
    }
}

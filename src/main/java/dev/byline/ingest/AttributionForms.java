package dev.byline.ingest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of an attribution line ("Based on ANI report", "(Reuters) -", "— AFP", "Source: PTI") and of a wire
 * dateline ("LONDON (Reuters) - …"), each capturing the outlet it names. Matched in any letter case.
 */
final class AttributionForms {

    /**
     * A recognised attribution.
     *
     * @param form the documented name of its shape
     * @param text the line as the article keeps it
     * @param name the outlet it names, as written
     */
    record Found(String form, String text, String name) {
    }

    private record Form(String name, Pattern pattern, boolean anywhere) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** At most five words after a dash: "— AFP", "- Press Trust of India"; longer is a sentence. */
    private static final String SHORT_NAME = "(?<name>[^\\s.!?]+(?:\\s+[^\\s.!?]+){0,4})\\.?";

    private static final List<Form> FORMS = List.of(
            new Form("based-on", Pattern.compile(
                    "based on (?:an? |the )?(?<name>.{1,80}?)(?:'s)? (?:reports?|inputs?|despatch(?:es)?|dispatch(?:es)?)\\.?",
                    FLAGS), true),
            new Form("based-on", Pattern.compile("based on (?:an? )?reports? (?:from|by) (?:the )?(?<name>.{1,80}?)\\.?",
                    FLAGS), true),
            new Form("inputs-from", Pattern.compile("(?:with )?inputs? from (?:the )?(?<name>.{1,80}?)\\.?", FLAGS), true),
            new Form("label", Pattern.compile(
                    "(?:source|sources|courtesy|credit|via|источник|स्रोत)\\s*[:\\-–—]\\s*(?<name>.{1,80}?)\\.?", FLAGS),
                    true),
            new Form("dash", Pattern.compile("(?:—|–|-{1,2})\\s*" + SHORT_NAME, FLAGS), false),
            new Form("brackets", Pattern.compile("\\((?<name>[^()]{1,60})\\)(?:\\s*(?:—|–|-{1,2}|:))?", FLAGS), false));

    /** "NEW DELHI, Nov 28 (ANI): …", "LONDON (Reuters) - …", "(AFP) — …" at the start of the first paragraph. */
    private static final Pattern DATELINE = Pattern.compile(
            "^(?<place>[^()\\n]{0,80}?)\\s*\\((?<name>[^()]{1,60})\\)\\s*(?:—|–|-{1,2}|:)\\s*\\S");

    private AttributionForms() {
    }

    /**
     * The attribution {@code line} spells, if it is one. The dash and bracket forms count only where an attribution
     * line stands, first or last ({@code atEdge}); the worded forms anywhere.
     */
    static Optional<Found> line(String line, boolean atEdge) {
        String stripped = line.strip();
        for (Form form : FORMS) {
            if (!form.anywhere() && !atEdge) {
                continue;
            }
            Matcher matcher = form.pattern().matcher(stripped);
            if (matcher.matches()) {
                String name = trimName(matcher.group("name"));
                if (name.isEmpty()) {
                    continue;
                }
                String text = switch (form.name()) {
                    case "dash" -> stripped.replaceFirst("^(?:—|–|-{1,2})\\s*", "");
                    case "brackets" -> name;
                    default -> stripped;
                };
                return Optional.of(new Found(form.name(), text, name));
            }
        }
        return Optional.empty();
    }

    /** A wire dateline opening {@code paragraph}: the place (possibly empty) and the outlet in brackets. */
    static Optional<Dateline> dateline(String paragraph) {
        Matcher matcher = DATELINE.matcher(paragraph);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String place = matcher.group("place").strip().replaceAll("[,;:\\s]+$", "");
        return Optional.of(new Dateline(place.isEmpty() ? null : place, trimName(matcher.group("name"))));
    }

    /** A dateline's parts. */
    record Dateline(String place, String name) {
    }

    private static String trimName(String name) {
        return name.strip().replaceAll("[.,;:]+$", "").strip();
    }
}

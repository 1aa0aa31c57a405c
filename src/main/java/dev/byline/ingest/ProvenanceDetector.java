package dev.byline.ingest;

import dev.byline.article.CitationRole;
import dev.byline.ingest.ImportReport.AttributionFinding;
import dev.byline.ingest.ImportReport.CitationFinding;
import dev.byline.ingest.ImportReport.SourceFinding;
import dev.byline.ingest.ImportReport.Suggestion;
import dev.byline.ingest.SourceRegister.Match;
import dev.byline.ingest.WireStory.InfoSource;
import dev.byline.ingest.WireStory.SourceHint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a story's provenance against the source register, by fixed rules that the report can explain: the source its
 * attribution (or ninjs originator, or feed) names, and the outlets it cites, each found by a cue phrase ("according
 * to TASS", "Al Jazeera reported", "told Politico", "in a post on X", "citing Reuters") in a sentence that becomes the
 * evidence. Names after a cue that the register does not know become suggestions; nothing is created. No model, no
 * network: the same copy and register always give the same answer.
 */
final class ProvenanceDetector {

    /** Articles take at most this many cited sources. */
    static final int MAX_CITATIONS = 50;
    private static final int MAX_EVIDENCE = 400;
    private static final Set<String> ORIGINATOR_ROLES = Set.of("originator", "origin", "originfo", "source");

    /**
     * A phrase that shows a citation, with the outlet's name before or after it.
     *
     * @param label how the report names it
     * @param before the words before the name (a regular expression, matched in any case)
     * @param after the words after the name
     */
    private record Cue(String label, CitationRole role, String before, String after) {
    }

    private static final List<Cue> CUES = List.of(
            new Cue("according to", CitationRole.CITED, "according to\\s+(?:the\\s+)?", ""),
            new Cue("citing", CitationRole.CITED, "citing\\s+(?:the\\s+)?", ""),
            new Cue("reported by", CitationRole.CITED, "reported by\\s+(?:the\\s+)?", ""),
            new Cue("reported", CitationRole.CITED, "", "\\s+(?:has\\s+|had\\s+|first\\s+)?reported"),
            new Cue("reports", CitationRole.CITED, "", "\\s+reports"),
            new Cue("said in a report", CitationRole.CITED, "", "\\s+said in a report"),
            new Cue("quoted", CitationRole.CITED, "", "\\s+quoted"),
            new Cue("told", CitationRole.QUOTED, "told\\s+(?:the\\s+)?", ""),
            new Cue("in an interview with", CitationRole.QUOTED, "in an interview with\\s+(?:the\\s+)?", ""),
            new Cue("in a post on", CitationRole.QUOTED,
                    "in an? (?:post|video|statement|message|thread) (?:on|to)\\s+", ""),
            new Cue("wrote on", CitationRole.QUOTED, "(?:wrote|posted|said) on\\s+", ""),
            // Russian: "по данным ТАСС", "сообщает ТАСС", "как сообщило РИА", "со ссылкой на ТАСС", "в интервью ТАСС".
            new Cue("по данным", CitationRole.CITED, "по (?:данным|сообщению|информации)\\s+", ""),
            new Cue("сообщает", CitationRole.CITED, "(?:сообщ(?:ает|ил|ила|ило|или)|переда(?:[её]т|л|ла|ло|ли))\\s+", ""),
            new Cue("со ссылкой на", CitationRole.CITED, "со ссылкой на\\s+", ""),
            new Cue("в интервью", CitationRole.QUOTED, "в интервью\\s+", ""),
            // Hindi: "पीटीआई के अनुसार" (according to PTI), "पीटीआई की रिपोर्ट के मुताबिक", "पीटीआई को बताया" (told PTI).
            new Cue("के अनुसार", CitationRole.CITED, "", "\\s+(?:की\\s+रिपोर्ट\\s+)?के\\s+(?:अनुसार|मुताबिक)"),
            new Cue("को बताया", CitationRole.QUOTED, "", "\\s+को\\s+बताया"));

    /** A capitalised name of up to five words ("Al Jazeera", "The Moscow Times", "Интерфакс") for suggestions. */
    private static final String CAPITALISED = "\\p{Lu}[\\p{L}\\p{M}\\p{N}'’&.-]*"
            + "(?:\\s+(?:(?:of|the|de|du|al|el|for)\\s+)?\\p{Lu}[\\p{L}\\p{M}\\p{N}'’&.-]*){0,4}";
    /** Capitalised words after a cue that are people, offices or pronouns rather than outlets. */
    private static final Set<String> NOT_OUTLETS = Set.of("mr", "mrs", "ms", "dr", "prof", "president", "prime",
            "minister", "chief", "police", "officials", "official", "he", "she", "they", "it", "we", "i", "his", "her",
            "their", "this", "that", "these", "those", "sources", "parliament", "congress", "senate", "court",
            "reporters", "journalists", "witnesses", "residents", "local", "state", "federal", "many", "some");

    /** A cue's patterns; {@code cue} alone is tried first, so that most sentences cost one quick search. */
    private record CuePatterns(Cue cue, Pattern alone, Pattern known, Pattern unknown) {
    }

    private final SourceRegister register;
    private final List<CuePatterns> cues;

    ProvenanceDetector(SourceRegister register) {
        this.register = register;
        List<CuePatterns> patterns = new ArrayList<>();
        for (Cue cue : CUES) {
            String before = cue.before().isEmpty() ? "" : SourceRegister.BEFORE + "(?iu:" + cue.before() + ")";
            String after = cue.after().isEmpty() ? "" : "(?iu:" + cue.after() + ")" + SourceRegister.AFTER;
            patterns.add(new CuePatterns(cue, Pattern.compile(before + after),
                    Pattern.compile(before + SourceRegister.BEFORE + "(?<name>(?iu:" + register.names() + "))"
                            + SourceRegister.AFTER + after),
                    Pattern.compile(before + SourceRegister.BEFORE + "(?<name>" + CAPITALISED + ")"
                            + SourceRegister.AFTER + after)));
        }
        this.cues = patterns;
    }

    /**
     * What was found.
     *
     * @param attribution the attribution line, or the credit line the document gives
     * @param source the originating source, or null
     * @param citations cited outlets, one per source, in the order first found
     * @param suggestions names the register does not know
     * @param notes what could not be decided
     */
    record Detection(AttributionFinding attribution, SourceFinding source, List<CitationFinding> citations,
            List<Suggestion> suggestions, List<String> notes) {
    }

    Detection detect(WireStory story, WireCopy copy) {
        Findings findings = new Findings();
        AttributionFinding attribution = copy.attribution();
        if (attribution == null && story.attributionFallback() != null) {
            attribution = new AttributionFinding(story.attributionFallback(), null, "copyright-notice", null);
        }
        findings.source = originator(story, findings)
                .or(() -> hinted(story.sourceHint(), "item-source", findings))
                .or(attributed(attribution, findings))
                .or(() -> hinted(story.sourceHint(), "feed-title", findings))
                .orElse(null);
        for (InfoSource info : story.infoSources()) {
            if (!isOriginator(info)) {
                citeInfoSource(info, findings);
            }
        }
        for (Paragraph paragraph : copy.paragraphs()) {
            for (String sentence : Sentences.split(paragraph.text())) {
                findCitations(sentence, findings);
            }
        }
        List<CitationFinding> citations = new ArrayList<>(findings.citations.values());
        if (citations.size() > MAX_CITATIONS) {
            findings.notes.add(citations.size() + " cited outlets were found; an article keeps the first "
                    + MAX_CITATIONS + ".");
            citations = citations.subList(0, MAX_CITATIONS);
        }
        return new Detection(attribution, findings.source, List.copyOf(citations),
                List.copyOf(findings.suggestions.values()), List.copyOf(findings.notes));
    }

    /** What the detection has found so far. */
    private static final class Findings {
        SourceFinding source;
        final Map<String, CitationFinding> citations = new LinkedHashMap<>();
        final Map<String, Suggestion> suggestions = new LinkedHashMap<>();
        final Set<String> notes = new LinkedHashSet<>();

        void suggest(String name, String cue, String evidence) {
            suggestions.putIfAbsent(SourceRegister.fold(name), new Suggestion(name, cue, evidence(evidence)));
        }
    }

    /** A ninjs infoSource with an originator role (or none): the register's entry for its name or slug. */
    private Optional<SourceFinding> originator(WireStory story, Findings findings) {
        for (InfoSource info : story.infoSources()) {
            if (!isOriginator(info)) {
                continue;
            }
            Optional<Match> match = register.named(info.name(), false).or(() -> register.named(info.literal(), true));
            String evidence = "infoSources: " + describe(info);
            if (match.isEmpty()) {
                findings.suggest(info.name() != null ? info.name() : info.literal(), "info-source", evidence);
            } else if (match.get().isUnique()) {
                return Optional.of(found(match.get(), "info-source", evidence));
            } else {
                findings.notes.add(ambiguous(match.get(), "The originator in infoSources"));
            }
        }
        return Optional.empty();
    }

    private Optional<SourceFinding> hinted(SourceHint hint, String from, Findings findings) {
        if (hint == null || !hint.from().equals(from)) {
            return Optional.empty();
        }
        Optional<SourceFinding> found = within(hint.text(), from, findings, from.equals("item-source")
                ? "The item's source element" : "The feed's title");
        if (found.isEmpty() && from.equals("item-source")) {
            findings.suggest(hint.text(), "item-source", hint.text());
        }
        return found;
    }

    private java.util.function.Supplier<Optional<SourceFinding>> attributed(AttributionFinding attribution,
            Findings findings) {
        return () -> {
            if (attribution == null) {
                return Optional.empty();
            }
            Optional<SourceFinding> found = within(attribution.text(), "attribution", findings, "The attribution line");
            if (found.isEmpty() && attribution.name() != null && findings.notes.stream()
                    .noneMatch(n -> n.startsWith("The attribution line"))) {
                findings.suggest(attribution.name(), "attribution", attribution.text());
                findings.notes.add("The attribution line names '" + attribution.name() + "', which is not in the "
                        + "source register, so the draft has no source; register it and set the article's source.");
            }
            return found;
        };
    }

    /** The source {@code text} names: all of it, or else the first name or alias inside it. */
    private Optional<SourceFinding> within(String text, String from, Findings findings, String what) {
        Optional<Match> whole = register.named(text, false);
        List<Match> matches = whole.map(List::of).orElseGet(() -> register.findIn(text));
        for (Match match : matches) {
            if (match.isUnique()) {
                return Optional.of(found(match, from, text));
            }
            findings.notes.add(ambiguous(match, what));
        }
        return Optional.empty();
    }

    private void citeInfoSource(InfoSource info, Findings findings) {
        Optional<Match> match = register.named(info.name(), false).or(() -> register.named(info.literal(), true));
        String evidence = "infoSources: " + describe(info);
        if (match.isEmpty()) {
            findings.suggest(info.name() != null ? info.name() : info.literal(), "info-source", evidence);
        } else if (!match.get().isUnique()) {
            findings.notes.add(ambiguous(match.get(), "An infoSource"));
        } else {
            cite(match.get(), roleOf(info.role()), "info-source", evidence, findings);
        }
    }

    private void findCitations(String sentence, Findings findings) {
        List<int[]> known = new ArrayList<>();
        List<CuePatterns> present = cues.stream().filter(cue -> cue.alone().matcher(sentence).find()).toList();
        for (CuePatterns cue : present) {
            if (register.isEmpty()) {
                break;
            }
            Matcher matcher = cue.known().matcher(sentence);
            while (matcher.find()) {
                known.add(new int[] {matcher.start("name"), matcher.end("name")});
                Match match = new Match(matcher.group("name"), matcher.start("name"), matcher.end("name"),
                        register.formsOf(matcher.group("name")));
                if (match.isUnique()) {
                    cite(match, cue.cue().role(), cue.cue().label(), sentence, findings);
                } else {
                    findings.notes.add(ambiguous(match, "A cited outlet"));
                }
            }
        }
        for (CuePatterns cue : present) {
            Matcher matcher = cue.unknown().matcher(sentence);
            while (matcher.find()) {
                int start = matcher.start("name");
                int end = matcher.end("name");
                if (known.stream().anyMatch(span -> start < span[1] && span[0] < end)) {
                    continue;
                }
                outletName(matcher.group("name"))
                        .filter(name -> register.named(name, false).isEmpty())
                        .ifPresent(name -> findings.suggest(name, cue.cue().label(), sentence));
            }
        }
    }

    private void cite(Match match, CitationRole role, String cue, String evidence, Findings findings) {
        SourceRegister.Known source = match.form().source();
        if (findings.source != null && findings.source.source().slug().equals(source.slug())) {
            findings.notes.add(source.name() + " is the story's source, so it is not also listed as cited.");
            return;
        }
        findings.citations.putIfAbsent(source.slug(),
                new CitationFinding(source.ref(), role, cue, match.written(), evidence(evidence)));
    }

    private static SourceFinding found(Match match, String from, String evidence) {
        return new SourceFinding(match.form().source().ref(), match.written(), match.form().on(), from,
                evidence(evidence));
    }

    /** The name a capitalised phrase after a cue gives, without a leading article or possessive; empty if not one. */
    private static Optional<String> outletName(String phrase) {
        String name = phrase.replaceFirst("^(?:The|the)\\s+", "").replaceFirst("(?:'s|’s|')$", "")
                .replaceAll("[.,;:-]+$", "").strip();
        String first = name.split("\\s+")[0].toLowerCase(Locale.ROOT).replace(".", "");
        if (name.length() < 2 || NOT_OUTLETS.contains(first)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static boolean isOriginator(InfoSource info) {
        return info.role() == null || ORIGINATOR_ROLES.contains(info.role().toLowerCase(Locale.ROOT));
    }

    private static CitationRole roleOf(String role) {
        try {
            return CitationRole.of(role == null ? null : role.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return CitationRole.OTHER;
        }
    }

    private static String describe(InfoSource info) {
        List<String> parts = new ArrayList<>();
        if (info.name() != null) {
            parts.add("name '" + info.name() + "'");
        }
        if (info.role() != null) {
            parts.add("role '" + info.role() + "'");
        }
        if (info.literal() != null) {
            parts.add("literal '" + info.literal() + "'");
        }
        return String.join(", ", parts);
    }

    private static String ambiguous(Match match, String what) {
        return what + " '" + match.written() + "' names several sources in the register (" + match.candidates()
                + "), so none was chosen; give each name to one source only.";
    }

    private static String evidence(String text) {
        return text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE - 1) + "…";
    }
}

package dev.byline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.ingest.WireStory.InfoSource;
import dev.byline.source.Rights;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Reads an IPTC ninjs document, 1.x (headline, body_text/body_html, byline, subject, infosource) or 2.x/3.x
 * (headlines, bodies, by, subjects, infoSources), into a wire story. Properties Byline has no use for are ignored;
 * those it reads must have the type the standard gives them.
 */
final class NinjsReader {

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final int MAX_STANDFIRST = 1000;

    private NinjsReader() {
    }

    static WireStory read(JsonNode document, Language fallback) {
        if (document == null || document.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED, "The body is empty: send a ninjs document.");
        }
        if (!document.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED, "A ninjs document is a JSON object; this body is "
                    + "a JSON " + document.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + ".");
        }
        List<String> notes = new ArrayList<>();
        boolean modern = has(document, "headlines") || has(document, "bodies") || has(document, "infoSources")
                || has(document, "subjects") || has(document, "by");
        notes.add(modern ? "Read as ninjs 2.x/3.x (headlines, bodies, by, subjects, infoSources)."
                : "Read as ninjs 1.x (headline, body_*, byline, subject, infosource).");
        String type = text(document, "type");
        if (type != null && !type.equals("text")) {
            throw ProblemException.invalidBody("type", "is '" + type + "'; only text items can be imported");
        }
        String headline = modern ? mainValue(document, "headlines") : text(document, "headline");
        if (headline == null && modern) {
            headline = text(document, "headline");
        }
        if (headline == null || headline.isBlank()) {
            throw ProblemException.invalidBody("headlines", "is required: a ninjs document needs headlines[].value "
                    + "(ninjs 2 and 3) or headline (ninjs 1) to become an article");
        }
        headline = plain(headline);
        String[] body = modern ? bodies(document) : legacyBody(document);
        if (body[0] == null && body[1] == null) {
            notes.add("The document has no body; the draft has only a headline.");
        }
        String uri = text(document, "uri");
        if (uri == null || uri.isBlank()) {
            uri = null;
            notes.add("The document has no uri, so a later version of it cannot be recognised; only the same text can.");
        }
        String version = version(document.get("version"));
        Instant versionAt = time(document, modern ? "versionCreated" : "versioncreated");
        String pubStatus = text(document, modern ? "pubStatus" : "pubstatus");
        if (pubStatus != null && !pubStatus.equals("usable")) {
            notes.add("The provider marks this item '" + pubStatus + "'; it was imported as a draft all the same: "
                    + "check with the provider before publishing it.");
        }
        Instant embargo = time(document, modern ? "embargoedUntil" : "embargoed");
        if (embargo != null) {
            notes.add("The provider embargoes this item until " + embargo + "; publish it with that embargoedUntil.");
        }
        String standfirst = standfirst(document, modern, notes);
        String language = text(document, "language");
        Language chosen = fallback;
        if (language != null) {
            chosen = Language.normalise(language).map(tag -> new Language(tag, "the ninjs language"))
                    .orElseGet(() -> {
                        notes.add("The ninjs language '" + language + "' is not a language tag Byline accepts.");
                        return fallback;
                    });
        }
        List<String> tags = Tags.of(subjects(document, modern ? "subjects" : "subject"), notes);
        String holder = text(document, modern ? "copyrightHolder" : "copyrightholder");
        String terms = text(document, modern ? "usageTerms" : "usageterms");
        return new WireStory(ImportForm.NINJS, uri, version, versionAt, headline, standfirst, body[0], body[1], 1,
                text(document, modern ? "by" : "byline"), text(document, "located"), chosen, tags,
                infoSources(document, modern ? "infoSources" : "infosource", modern ? "role" : "rel",
                        modern ? "literal" : "code"),
                null, text(document, modern ? "copyrightNotice" : "copyrightnotice"),
                holder == null && terms == null ? null : new Rights(holder, terms, null), null, List.copyOf(notes));
    }

    /** {@code [html, text]} from bodies[]: an HTML body (role main first), else a plain one. */
    private static String[] bodies(JsonNode document) {
        JsonNode bodies = array(document, "bodies");
        String html = null;
        String text = null;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < bodies.size(); i++) {
                JsonNode body = bodies.get(i);
                String field = "bodies[" + i + "]";
                if (!body.isObject()) {
                    throw ProblemException.invalidBody(field, "must be an object with a value");
                }
                String role = text(body, "role", field + ".role");
                if (pass == 0 && role != null && !role.equals("main")) {
                    continue; // the first pass looks at the main body only
                }
                String value = text(body, "value", field + ".value");
                String contentType = text(body, "contentType", field + ".contentType");
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (contentType != null && HTML_TYPES.contains(contentType.toLowerCase(Locale.ROOT))) {
                    html = html == null ? value : html;
                } else if (contentType == null || contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                    text = text == null ? value : text;
                }
            }
            if (html != null || text != null) {
                break;
            }
        }
        return html != null ? new String[] {html, null} : new String[] {null, text};
    }

    private static String[] legacyBody(JsonNode document) {
        String html = text(document, "body_html");
        if (html == null) {
            html = text(document, "body_xhtml");
        }
        return html != null && !html.isBlank() ? new String[] {html, null}
                : new String[] {null, text(document, "body_text")};
    }

    private static String standfirst(JsonNode document, boolean modern, List<String> notes) {
        String description = modern ? mainValue(document, "descriptions") : text(document, "description_text");
        if (description == null && !modern) {
            description = text(document, "description_html");
        }
        if (description == null || description.isBlank()) {
            return null;
        }
        String plain = plain(description);
        if (plain.length() > MAX_STANDFIRST) {
            notes.add("The description is " + plain.length() + " characters, longer than a standfirst's "
                    + MAX_STANDFIRST + "; it was left out.");
            return null;
        }
        return plain;
    }

    /** The value of the entry with role main in an array of {role, value}, else of the first. */
    private static String mainValue(JsonNode document, String field) {
        JsonNode items = array(document, field);
        String first = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw ProblemException.invalidBody(field + "[" + i + "]", "must be an object with a value");
            }
            String value = text(item, "value", field + "[" + i + "].value");
            if (value == null || value.isBlank()) {
                continue;
            }
            if ("main".equals(text(item, "role", field + "[" + i + "].role"))) {
                return value;
            }
            first = first == null ? value : first;
        }
        return first;
    }

    private static List<String> subjects(JsonNode document, String field) {
        JsonNode subjects = array(document, field);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            JsonNode subject = subjects.get(i);
            String at = field + "[" + i + "]";
            if (!subject.isObject()) {
                throw ProblemException.invalidBody(at, "must be an object");
            }
            String name = text(subject, "name", at + ".name");
            if (name == null) {
                name = text(subject, "literal", at + ".literal");
            }
            if (name != null && !name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private static List<InfoSource> infoSources(JsonNode document, String field, String roleField, String literalField) {
        JsonNode sources = array(document, field);
        List<InfoSource> found = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            JsonNode source = sources.get(i);
            String at = field + "[" + i + "]";
            if (!source.isObject()) {
                throw ProblemException.invalidBody(at, "must be an object");
            }
            String name = blankToNull(text(source, "name", at + ".name"));
            String literal = blankToNull(text(source, literalField, at + "." + literalField));
            if (name != null || literal != null) {
                found.add(new InfoSource(name, blankToNull(text(source, roleField, at + "." + roleField)), literal));
            }
        }
        return List.copyOf(found);
    }

    private static String version(JsonNode version) {
        if (version == null || version.isNull()) {
            return null;
        }
        if (version.isIntegralNumber()) {
            return version.asText();
        }
        if (!version.isTextual()) {
            throw ProblemException.invalidBody("version", "must be a string");
        }
        return blankToNull(PrintableText.require(version.asText(), "version"));
    }

    private static Instant time(JsonNode document, String field) {
        String value = text(document, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidBody(field, "must be a date-time with an offset, such as 2026-11-28T09:30:00Z");
        }
    }

    private static boolean has(JsonNode document, String field) {
        return document.has(field) && !document.get(field).isNull();
    }

    private static JsonNode array(JsonNode document, String field) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw ProblemException.invalidBody(field, "must be an array");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ProblemException.invalidBody(path, "must be a string");
        }
        return PrintableText.require(value.asText(), path);
    }

    /** Text of a headline or description that may carry markup. */
    private static String plain(String value) {
        return value.indexOf('<') < 0 ? value.strip() : Jsoup.parse(value).text().strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

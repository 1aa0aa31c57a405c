package dev.byline.ingest;

import dev.byline.article.ArticleBody;
import dev.byline.ingest.ImportReport.AttributionFinding;
import dev.byline.ingest.ImportReport.RemovedLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The body of a wire story cleaned of what is not the story: page trailers taken out wherever they stand, the
 * attribution line taken out and kept aside, a "By …" line taken as the byline, and a wire dateline noticed.
 * Exactly one of {@code bodyHtml} and {@code bodyText} is set (both null for an empty body).
 *
 * @param bodyHtml the cleaned HTML, when the body was HTML (the article service still sanitises it)
 * @param bodyText the cleaned text, paragraphs separated by blank lines, when the body was text
 * @param paragraphs the cleaned paragraphs as plain text, where cited outlets are looked for
 * @param removed what was taken out, and why
 * @param attribution the attribution line or dateline attribution, or null
 * @param byline a "By …" line found as the first paragraph, or null
 * @param dateline the place of a wire dateline opening the story, or null
 */
record WireCopy(String bodyHtml, String bodyText, List<Paragraph> paragraphs, List<RemovedLine> removed,
        AttributionFinding attribution, String byline, String dateline) {

    private static final Pattern BYLINE = Pattern.compile("(?i:by)\\s+(?<name>\\p{L}[^.!?:]{0,120})");
    private static final int BYLINE_MAX_WORDS = 8;
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00a0]+");

    /** Plain text of every paragraph, for the fingerprint that recognises the same story sent again. */
    String plainText() {
        return String.join("\n\n", paragraphs.stream().map(Paragraph::text).toList());
    }

    /**
     * Text wire copy: paragraphs are separated by blank lines, or are one per line when there are no blank lines
     * between them; lines of one paragraph are joined with a space.
     *
     * @param body the text after the headline
     * @param firstLine the line number of the body's first line in the text sent
     */
    static WireCopy ofText(String body, int firstLine) {
        List<RemovedLine> removed = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = SPACES.matcher(lines[i]).replaceAll(" ").strip();
            Optional<String> trailer = PageTrailers.reason(line);
            if (trailer.isPresent()) {
                removed.add(new RemovedLine(firstLine + i, line, trailer.get()));
            } else {
                numbers.add(firstLine + i);
                kept.add(line);
            }
        }
        List<Paragraph> paragraphs = paragraphs(kept, numbers);
        String byline = null;
        if (!paragraphs.isEmpty() && paragraphs.get(0).lines() == 1) {
            var matcher = BYLINE.matcher(paragraphs.get(0).text());
            if (matcher.matches() && matcher.group("name").strip().split("\\s+").length <= BYLINE_MAX_WORDS) {
                Paragraph first = paragraphs.remove(0);
                byline = matcher.group("name").strip();
                removed.add(new RemovedLine(first.line(), first.text(), "byline: kept as the article's byline"));
            }
        }
        AttributionFinding attribution = null;
        int at = attributionLine(paragraphs.stream().map(p -> p.lines() == 1 ? p.text() : null).toList());
        if (at >= 0) {
            Paragraph line = paragraphs.remove(at);
            AttributionForms.Found found = AttributionForms.line(line.text(), true).orElseThrow();
            attribution = new AttributionFinding(found.text(), line.line(), found.form(), found.name());
            removed.add(new RemovedLine(line.line(), line.text(), "attribution line: kept as the article's attribution"));
        }
        Dated dated = dateline(paragraphs, attribution);
        String text = String.join("\n\n", paragraphs.stream().map(Paragraph::text).toList());
        return new WireCopy(null, text.isEmpty() ? null : text, List.copyOf(paragraphs), List.copyOf(removed),
                dated.attribution(), byline, dated.place());
    }

    /**
     * HTML wire copy (a ninjs HTML body, a feed item's content): top-level blocks that are trailers or the attribution
     * line are taken out. HTML without blocks (a feed description of text and line breaks) is read as text.
     */
    static WireCopy ofHtml(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        List<Element> blocks = new ArrayList<>(document.body().children());
        if (blocks.isEmpty() || blocks.stream().noneMatch(Element::isBlock)) {
            return ofText(ArticleBody.fromHtml(html).text(), 1).withoutLineNumbers();
        }
        List<RemovedLine> removed = new ArrayList<>();
        for (Element block : List.copyOf(blocks)) {
            String text = block.text().strip();
            Optional<String> trailer = PageTrailers.reason(text);
            if (trailer.isPresent()) {
                removed.add(new RemovedLine(null, text, trailer.get()));
                block.remove();
                blocks.remove(block);
            }
        }
        AttributionFinding attribution = null;
        int at = attributionLine(blocks.stream().map(b -> b.text().strip()).toList());
        if (at >= 0) {
            Element block = blocks.remove(at);
            String text = block.text().strip();
            AttributionForms.Found found = AttributionForms.line(text, true).orElseThrow();
            attribution = new AttributionFinding(found.text(), null, found.form(), found.name());
            removed.add(new RemovedLine(null, text, "attribution line: kept as the article's attribution"));
            block.remove();
        }
        String cleaned = document.body().html();
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String paragraph : ArticleBody.fromHtml(cleaned).text().split("\n\n")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(new Paragraph(null, paragraph.replace('\n', ' ').strip(), 1));
            }
        }
        Dated dated = dateline(paragraphs, attribution);
        return new WireCopy(paragraphs.isEmpty() ? null : cleaned, null, List.copyOf(paragraphs), List.copyOf(removed),
                dated.attribution(), null, dated.place());
    }

    private WireCopy withoutLineNumbers() {
        return new WireCopy(bodyHtml, bodyText,
                paragraphs.stream().map(p -> new Paragraph(null, p.text(), p.lines())).toList(),
                removed.stream().map(r -> new RemovedLine(null, r.text(), r.reason())).toList(),
                attribution == null ? null
                        : new AttributionFinding(attribution.text(), null, attribution.form(), attribution.name()),
                byline, dateline);
    }

    private static List<Paragraph> paragraphs(List<String> lines, List<Integer> numbers) {
        int first = 0;
        int last = lines.size() - 1;
        while (first <= last && lines.get(first).isEmpty()) {
            first++;
        }
        while (last >= first && lines.get(last).isEmpty()) {
            last--;
        }
        boolean blankSeparated = false;
        for (int i = first; i <= last; i++) {
            blankSeparated |= lines.get(i).isEmpty();
        }
        List<Paragraph> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = -1;
        int count = 0;
        for (int i = first; i <= last; i++) {
            String line = lines.get(i);
            if (!blankSeparated) {
                paragraphs.add(new Paragraph(numbers.get(i), line, 1));
                continue;
            }
            if (line.isEmpty()) {
                if (count > 0) {
                    paragraphs.add(new Paragraph(start, current.toString(), count));
                }
                current.setLength(0);
                count = 0;
                continue;
            }
            if (count == 0) {
                start = numbers.get(i);
            } else {
                current.append(' ');
            }
            current.append(line);
            count++;
        }
        if (count > 0) {
            paragraphs.add(new Paragraph(start, current.toString(), count));
        }
        return paragraphs;
    }

    /**
     * Where the attribution line is among {@code candidates} (null for paragraphs of several lines, which cannot be
     * one): the last paragraph, then the first, then any other in a worded form; -1 when there is none.
     */
    private static int attributionLine(List<String> candidates) {
        int last = candidates.size() - 1;
        if (last < 1) {
            return -1; // a story of one paragraph is the story, whatever it looks like
        }
        List<Integer> order = new ArrayList<>(List.of(last, 0));
        for (int i = 1; i < last; i++) {
            order.add(i);
        }
        for (int i : order) {
            String text = candidates.get(i);
            if (text != null && AttributionForms.line(text, i == 0 || i == last).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    private record Dated(AttributionFinding attribution, String place) {
    }

    /** A wire dateline opening the first paragraph gives the place, and the attribution when no line gave one. */
    private static Dated dateline(List<Paragraph> paragraphs, AttributionFinding attribution) {
        if (paragraphs.isEmpty()) {
            return new Dated(attribution, null);
        }
        Paragraph first = paragraphs.get(0);
        return AttributionForms.dateline(first.text())
                .map(d -> new Dated(attribution != null ? attribution
                        : new AttributionFinding(d.name(), first.line(), "dateline", d.name()), d.place()))
                .orElse(new Dated(attribution, null));
    }
}

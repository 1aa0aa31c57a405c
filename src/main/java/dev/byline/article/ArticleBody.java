package dev.byline.article;

import dev.byline.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * An article body in both forms the API returns: sanitised HTML and plain text with paragraphs separated by blank
 * lines, made from whichever of the two the editor sent.
 *
 * <p>Markup that would run code (scripts, event handlers, {@code javascript:} links) is refused with a 400 naming
 * it rather than silently dropped, so an editor learns their paste did not survive; harmless markup outside the
 * allow-list (spans, styles, classes) is dropped quietly.
 */
public record ArticleBody(String html, String text, int wordCount) {

    public static final ArticleBody EMPTY = new ArticleBody("", "", 0);
    private static final int WORDS_PER_MINUTE = 230;

    private static final Safelist ALLOWED = new Safelist()
            .addTags("p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
                    "mark", "abbr", "cite", "q", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "figure",
                    "figcaption", "img", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "time")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "width", "height")
            .addAttributes("blockquote", "cite")
            .addAttributes("q", "cite")
            .addAttributes("abbr", "title")
            .addAttributes("time", "datetime")
            .addAttributes("th", "scope", "colspan", "rowspan")
            .addAttributes("td", "colspan", "rowspan")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("blockquote", "cite", "http", "https")
            .addProtocols("q", "cite", "http", "https");

    private static final Set<String> EXECUTABLE_ELEMENTS = Set.of("script", "iframe", "frame", "frameset", "object",
            "embed", "applet", "form", "input", "button", "textarea", "select", "link", "meta", "base", "style", "svg",
            "math", "template", "noscript");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "action", "formaction", "xlink:href",
            "data", "poster", "background");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\u0000-\\u001f]");
    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
            "figure", "figcaption", "table", "tr", "ul", "ol", "div", "section", "article", "hr", "caption");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00a0]+");

    public static int readingTime(int wordCount) {
        return wordCount == 0 ? 0 : (wordCount + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
    }

    /** Sanitises {@code html} to the allow-list, refusing executable content, and derives the plain text. */
    public static ArticleBody fromHtml(String html) {
        Document dirty = Jsoup.parseBodyFragment(html);
        List<String> refused = executableParts(dirty);
        if (!refused.isEmpty()) {
            throw ProblemException.invalidBody("bodyHtml", "contains markup that could run code, which is not allowed: "
                    + String.join("; ", refused));
        }
        Document clean = new Cleaner(ALLOWED).clean(dirty);
        clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        String text = plainText(clean.body());
        return new ArticleBody(clean.body().html().trim(), text, countWords(text));
    }

    /** Builds paragraphs from plain text, escaping everything; single line breaks become {@code <br>}. */
    public static ArticleBody fromText(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(normalised)) {
            String trimmed = paragraph.strip();
            if (!trimmed.isEmpty()) {
                paragraphs.add(trimmed);
            }
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : paragraphs) {
            html.append("<p>").append(Entities.escape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        String joined = String.join("\n\n", paragraphs);
        return new ArticleBody(html.toString(), joined, countWords(joined));
    }

    private static List<String> executableParts(Document document) {
        Set<String> found = new LinkedHashSet<>();
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (EXECUTABLE_ELEMENTS.contains(tag)) {
                found.add("<" + tag + "> elements");
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    found.add("event handler attributes such as " + name);
                } else if (name.equals("style") && attribute.getValue().toLowerCase(Locale.ROOT).contains("expression(")) {
                    found.add("script in style attributes");
                } else if (URL_ATTRIBUTES.contains(name)) {
                    String url = INVISIBLE.matcher(attribute.getValue()).replaceAll("").toLowerCase(Locale.ROOT);
                    java.util.regex.Matcher scheme = SCHEME.matcher(url);
                    if (scheme.find() && !SAFE_SCHEMES.contains(scheme.group(1))) {
                        found.add(scheme.group(1) + ": URLs (only http, https and mailto are allowed)");
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static String plainText(Element body) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    out.append(textNode.getWholeText().replace('\n', ' '));
                } else if (node instanceof Element element && element.normalName().equals("br")) {
                    out.append('\n');
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        }, body);
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(out.toString())) {
            String cleaned = SPACES.matcher(paragraph).replaceAll(" ").lines().map(String::strip)
                    .reduce((a, b) -> a + "\n" + b).orElse("").strip();
            if (!cleaned.isEmpty()) {
                paragraphs.add(cleaned);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    private static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}

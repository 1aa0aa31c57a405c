package dev.byline.syndication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;

/**
 * The rules of the W3C feed validator (validator.w3.org/feed) that Byline's feeds could break, checked on every feed
 * the tests read, since the validator itself cannot run here. Each rule names the validator's message it prevents.
 */
final class FeedRules {

    private static final Namespace ATOM = Namespace.getNamespace(XmlFeedWriter.ATOM);
    /** Namespaces the validator knows; any other is "Use of unknown namespace" (UnknownNamespace, a warning). */
    private static final Set<String> KNOWN = Set.of(XmlFeedWriter.ATOM, XmlFeedWriter.CONTENT, XmlFeedWriter.DC,
            XmlFeedWriter.DCTERMS, XmlFeedWriter.SLASH, XmlFeedWriter.THREAD, Namespace.XML_NAMESPACE.getURI(), "");
    /** Entity and tag syntax in text: what the validator's nonhtml check flags (ContainsHTML, CharacterData). */
    private static final Pattern MARKUP = Pattern.compile("</?[A-Za-z]|&#?\\w+;?");
    private static final Pattern RSS_TEXT = Pattern.compile("<(title|description)>([^<]*)</\\1>");

    private FeedRules() {
    }

    /** Asserts the rules for an RSS 2.0 or Atom 1.0 document; {@code partner} feeds may use Byline's own namespace. */
    static void check(byte[] xml, boolean partner) {
        List<String> broken = new ArrayList<>();
        Document document;
        try {
            SAXBuilder builder = new SAXBuilder();
            document = builder.build(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
        Element root = document.getRootElement();
        for (Element element : root.getDescendants(org.jdom2.filter.Filters.element())) {
            namespaces(element, partner, broken);
        }
        namespaces(root, partner, broken);
        if (root.getName().equals("rss")) {
            rss(root, new String(xml, StandardCharsets.UTF_8), broken);
        } else {
            atom(root, broken);
        }
        assertEquals(List.of(), broken, "the W3C feed validator would report these");
    }

    private static void namespaces(Element element, boolean partner, List<String> broken) {
        for (Namespace ns : element.getNamespacesIntroduced()) {
            if (!KNOWN.contains(ns.getURI()) && !(partner && ns.getURI().equals(XmlFeedWriter.BYLINE))) {
                broken.add("UnknownNamespace " + ns.getURI());
            }
        }
    }

    private static void rss(Element rss, String raw, List<String> broken) {
        Element channel = rss.getChild("channel");
        for (String required : List.of("title", "link", "description", "language", "lastBuildDate")) {
            if (channel.getChild(required) == null) {
                broken.add("channel lacks " + required);
            }
        }
        if (channel.getChildren("link", ATOM).stream().noneMatch(l -> "self".equals(l.getAttributeValue("rel")))) {
            broken.add("MissingAtomSelfLink");
        }
        for (Element item : channel.getChildren("item")) {
            for (String required : List.of("title", "link", "guid", "description", "pubDate")) {
                if (item.getChildText(required) == null || item.getChildText(required).isBlank()) {
                    broken.add("item lacks " + required);
                }
            }
            if (item.getChild("language", Namespace.getNamespace(XmlFeedWriter.DC)) == null) {
                broken.add("item lacks dc:language");
            }
        }
        // Titles and descriptions are read as HTML: their escaped characters must be written as hexadecimal
        // references (the RSS profile), or the validator says they contain HTML.
        Matcher text = RSS_TEXT.matcher(raw);
        while (text.find()) {
            if (text.group(2).matches("(?s).*&(amp|lt|gt|quot);.*")) {
                broken.add("ContainsHTML in " + text.group(1) + ": " + text.group(2));
            }
        }
        for (Element element : rss.getDescendants(org.jdom2.filter.Filters.element())) {
            if (List.of("title", "description").contains(element.getName()) && element.getNamespaceURI().isEmpty()
                    && element.getText().contains("<")) {
                broken.add("markup in " + element.getName() + ": " + element.getText());
            }
        }
    }

    private static void atom(Element feed, List<String> broken) {
        if (feed.getAttribute("lang", Namespace.XML_NAMESPACE) == null) {
            broken.add("MissingDCLanguage feed");
        }
        textConstructs(feed, broken);
        for (String required : List.of("id", "title", "updated", "author")) {
            if (feed.getChild(required, ATOM) == null) {
                broken.add("feed lacks " + required);
            }
        }
        String id = feed.getChildText("id", ATOM);
        if (id.contains("?")) {
            broken.add("feed id has a query: " + id);
        }
        for (Element entry : feed.getChildren("entry", ATOM)) {
            if (entry.getAttribute("lang", Namespace.XML_NAMESPACE) == null) {
                broken.add("MissingDCLanguage entry");
            }
            if (entry.getChild("summary", ATOM) == null && entry.getChild("content", ATOM) == null) {
                broken.add("MissingTextualContent");
            }
            List<String> alternates = entry.getChildren("link", ATOM).stream()
                    .filter(l -> "alternate".equals(l.getAttributeValue("rel", "alternate")))
                    .map(l -> String.valueOf(l.getAttributeValue("type"))).toList();
            if (alternates.size() != Set.copyOf(alternates).size()) {
                broken.add("DuplicateAtomLink " + alternates);
            }
            Element source = entry.getChild("source", ATOM);
            if (source != null) {
                for (String required : List.of("id", "title", "updated")) {
                    if (source.getChild(required, ATOM) == null) {
                        broken.add("MissingElement source " + required);
                    }
                }
            }
        }
    }

    /** Text constructs of type text must not look like markup (ContainsUndeclaredHTML), and none may be empty (NotBlank). */
    private static void textConstructs(Element feed, List<String> broken) {
        for (Element element : feed.getDescendants(org.jdom2.filter.Filters.element(ATOM))) {
            if (List.of("title", "subtitle", "summary", "rights", "content").contains(element.getName())
                    && element.getText().isBlank()) {
                broken.add("NotBlank " + element.getName());
            }
            if (List.of("title", "subtitle", "summary", "rights").contains(element.getName())
                    && "text".equals(element.getAttributeValue("type", "text"))
                    && MARKUP.matcher(element.getText()).find()) {
                broken.add("ContainsUndeclaredHTML in " + element.getName() + ": " + element.getText());
            }
        }
    }
}

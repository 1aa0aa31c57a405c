package dev.byline.comment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * What readers type, made safe and comparable: normalised before any check so that filters cannot be dodged with
 * invisible characters, and rendered to HTML that holds only paragraphs, line breaks and links.
 */
public final class CommentText {

    /**
     * Zero-width characters (space, non-joiner, joiner, word joiner, BOM, Mongolian vowel separator, soft hyphen) and
     * bidirectional embeddings, overrides, isolates and marks. Removing the joiner also splits emoji sequences such as
     * family emoji into their parts; that is the price of filters nobody can dodge.
     */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u180E\\u00AD\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    /** http(s) URLs and bare www. addresses; trailing punctuation belongs to the sentence, not the link. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+?(?=[.,;:!?)\\]'\"]*(?:[\\s<>\"]|$))");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private CommentText() {
    }

    /** NFC, without invisible and bidi-override characters, with Unix line ends and no surrounding blank space. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String clean = Normalizer.normalize(text, Normalizer.Form.NFC);
        clean = INVISIBLE.matcher(clean).replaceAll("");
        clean = clean.replace("\r\n", "\n").replace('\r', '\n');
        clean = TRAILING_SPACE.matcher(clean).replaceAll("\n");
        clean = BLANK_LINES.matcher(clean).replaceAll("\n\n");
        return clean.strip();
    }

    /** A single-line text such as a name: normalised, line breaks and tabs become spaces, runs of spaces collapse. */
    public static String normaliseLine(String text) {
        String clean = normalise(text);
        return clean == null ? null : clean.replaceAll("\\s+", " ");
    }

    /** True when text still holds control characters other than line breaks and tabs (JSON escapes let them through). */
    public static boolean hasControlCharacters(String text) {
        return CONTROL.matcher(text).find();
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Paragraphs from blank lines, {@code <br>} from single line breaks, links from URLs; everything else escaped. */
    public static String toHtml(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : PARAGRAPHS.split(text)) {
            String trimmed = paragraph.strip();
            if (!trimmed.isEmpty()) {
                html.append("<p>").append(linkify(trimmed).replace("\n", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    public static int countLinks(String text) {
        int count = 0;
        Matcher links = LINK.matcher(text);
        while (links.find()) {
            count++;
        }
        return count;
    }

    /** The banned words or phrases that occur in text as whole words, ignoring case and punctuation between words. */
    public static List<String> bannedWordsIn(String text, List<String> banned) {
        String haystack = " " + fold(text) + " ";
        List<String> found = new ArrayList<>();
        for (String word : banned) {
            String needle = fold(word);
            if (!needle.isEmpty() && haystack.contains(" " + needle + " ")) {
                found.add(word);
            }
        }
        return found;
    }

    /** Lower case, accents removed, letters and digits only, single spaces: the form duplicate checks compare. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return NOT_WORD.matcher(decomposed.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher links = LINK.matcher(text);
        int last = 0;
        while (links.find()) {
            out.append(Entities.escape(text.substring(last, links.start())));
            String url = links.group();
            String href = url.regionMatches(true, 0, "www.", 0, 4) ? "https://" + url : url;
            out.append("<a href=\"").append(Entities.escape(href)).append("\" rel=\"nofollow ugc noopener\">")
                    .append(Entities.escape(url)).append("</a>");
            last = links.end();
        }
        return out.append(Entities.escape(text.substring(last))).toString();
    }
}

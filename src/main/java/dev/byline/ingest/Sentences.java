package dev.byline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a paragraph into sentences, so that the evidence for a cited outlet is the sentence that names it. A full
 * stop after an initial or a common abbreviation ("U.S.", "Mr.", "Nov.") does not end a sentence; the full stops of
 * Chinese, Japanese and Devanagari text do.
 */
final class Sentences {

    private static final String ENDS = ".!?…";
    private static final String ENDS_WITHOUT_SPACE = "。！？।";
    private static final String CLOSERS = ")]\"'”’»";
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen",
            "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan",
            "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "govt");

    private Sentences() {
    }

    static List<String> split(String paragraph) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int length = paragraph.length();
        for (int i = 0; i < length; i++) {
            char c = paragraph.charAt(i);
            if (ENDS_WITHOUT_SPACE.indexOf(c) >= 0) {
                add(sentences, paragraph.substring(start, i + 1));
                start = i + 1;
                continue;
            }
            if (ENDS.indexOf(c) < 0) {
                continue;
            }
            int end = i + 1;
            while (end < length && CLOSERS.indexOf(paragraph.charAt(end)) >= 0) {
                end++;
            }
            if (end >= length || !Character.isWhitespace(paragraph.charAt(end))) {
                continue;
            }
            int next = end;
            while (next < length && Character.isWhitespace(paragraph.charAt(next))) {
                next++;
            }
            if (next >= length || c == '.' && (abbreviationBefore(paragraph, i) || !opensSentence(paragraph.charAt(next)))) {
                continue;
            }
            add(sentences, paragraph.substring(start, end));
            start = next;
            i = next - 1;
        }
        add(sentences, paragraph.substring(Math.min(start, length)));
        return sentences;
    }

    private static void add(List<String> sentences, String sentence) {
        String stripped = sentence.strip();
        if (!stripped.isEmpty()) {
            sentences.add(stripped);
        }
    }

    private static boolean opensSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'“‘«(—–-".indexOf(c) >= 0
                || Character.isLetter(c) && !Character.isLowerCase(c);
    }

    private static boolean abbreviationBefore(String text, int dot) {
        int start = dot;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, dot);
        return word.length() == 1 || ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}

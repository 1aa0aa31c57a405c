package dev.byline.article;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes URL slugs from headlines: ASCII, lowercase, hyphenated, at most 80 characters, cut at a word. Headlines in
 * other scripts are spelled in Latin letters first (ICU's {@code Any-Latin; Latin-ASCII}), so a Russian, Arabic,
 * Hindi or Greek headline gets a readable slug rather than {@code article-2}.
 */
final class Slugs {

    private static final int MAX_LENGTH = 80;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    /**
     * What romanisation writes for letters that have no sound of their own (the Russian hard and soft signs, the
     * Arabic ayn and hamza): modifier letters and quotes. Inside a word they would split it with a hyphen.
     */
    private static final Pattern SILENT_SIGNS = Pattern.compile("[\\p{Lm}'\"\u2018\u2019\u201C\u201D]");
    /** Latin letters that Unicode does not decompose into a base letter and a mark, spelled as ASCII folding does. */
    private static final Map<Character, String> LETTERS = Map.of('ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'ł', "l",
            'đ', "d", 'ð', "d", 'þ', "th", 'ħ', "h", 'ı', "i");
    /**
     * Built once: ICU documents transliterators as stateless, to be shared by threads without synchronising them (the
     * rule-based ones lock their own data while they work).
     */
    private static final Transliterator TO_LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII");

    private Slugs() {
    }

    static String fromHeadline(String headline) {
        String unmarked = MARKS.matcher(Normalizer.normalize(romanised(headline).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder ascii = new StringBuilder(unmarked.length());
        for (int i = 0; i < unmarked.length(); i++) {
            char c = unmarked.charAt(i);
            ascii.append(LETTERS.getOrDefault(c, String.valueOf(c)));
        }
        String slug = NON_ALNUM.matcher(ascii).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            int cut = slug.lastIndexOf('-', MAX_LENGTH);
            slug = slug.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "article" : slug;
    }

    /**
     * The headline with every run of another script spelled in Latin letters. Latin text and ASCII never pass
     * through ICU, so the slugs of Latin headlines stay exactly what they were; a run starts at a letter of another
     * script and takes in what follows up to the next ASCII character or Latin letter (a Japanese long-vowel mark
     * or ideographic comma belongs to the words around it).
     */
    private static String romanised(String headline) {
        StringBuilder out = null;
        int runStart = -1;
        for (int i = 0; i < headline.length(); ) {
            int c = headline.codePointAt(i);
            boolean latinOrAscii = c < 0x80 || UScript.getScript(c) == UScript.LATIN;
            if (runStart < 0 && !latinOrAscii && UCharacter.isLetter(c)) {
                if (out == null) {
                    out = new StringBuilder(headline.length() * 2).append(headline, 0, i);
                }
                runStart = i;
            } else if (runStart >= 0 && latinOrAscii) {
                out.append(latin(headline.substring(runStart, i)));
                runStart = -1;
            }
            if (runStart < 0 && out != null) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        if (out == null) {
            return headline;
        }
        if (runStart >= 0) {
            out.append(latin(headline.substring(runStart)));
        }
        return out.toString();
    }

    private static String latin(String run) {
        return SILENT_SIGNS.matcher(TO_LATIN.transliterate(run)).replaceAll("");
    }
}

package dev.byline.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Makes URL slugs from headlines: ASCII, lowercase, hyphenated, at most 80 characters, cut at a word. */
final class Slugs {

    private static final int MAX_LENGTH = 80;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** Latin letters that Unicode does not decompose into a base letter and a mark, spelled as ASCII folding does. */
    private static final Map<Character, String> LETTERS = Map.of('ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'ł', "l",
            'đ', "d", 'ð', "d", 'þ', "th", 'ħ', "h", 'ı', "i");

    private Slugs() {
    }

    static String fromHeadline(String headline) {
        String unmarked = MARKS.matcher(Normalizer.normalize(headline.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD))
                .replaceAll("");
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
}

package dev.byline.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes URL slugs from headlines: ASCII, lowercase, hyphenated, at most 80 characters, cut at a word. */
final class Slugs {

    private static final int MAX_LENGTH = 80;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    static String fromHeadline(String headline) {
        String ascii = MARKS.matcher(Normalizer.normalize(headline, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            int cut = slug.lastIndexOf('-', MAX_LENGTH);
            slug = slug.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "article" : slug;
    }
}

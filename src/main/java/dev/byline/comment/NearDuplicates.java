package dev.byline.comment;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether two comments say the same thing: identical once case, accents, punctuation and spacing are
 * ignored, or so similar in their character trigrams that only a word or two changed. Exact-match checks are
 * dodged by adding a full stop; this one is not.
 */
public final class NearDuplicates {

    /** Share of common trigrams (Jaccard) from which two texts count as the same comment. */
    static final double THRESHOLD = 0.8;

    private NearDuplicates() {
    }

    public static boolean same(String a, String b) {
        String x = CommentText.fold(a);
        String y = CommentText.fold(b);
        if (x.equals(y)) {
            return true;
        }
        return similarity(x, y) >= THRESHOLD;
    }

    /** Jaccard similarity of the character trigrams of two folded texts, from 0 (nothing shared) to 1. */
    static double similarity(String x, String y) {
        Set<String> a = trigrams(x);
        Set<String> b = trigrams(y);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }

    private static Set<String> trigrams(String text) {
        Set<String> grams = new HashSet<>();
        String padded = " " + text + " ";
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }
}

package dev.byline.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether an item sent again is a newer version of one imported before. Versions made of numbers ({@code 3},
 * {@code 2.10}) are compared as numbers, part by part; otherwise (or when they are equal strings) the times of the two
 * versions decide; with neither, the order is unknown and nothing is changed.
 */
enum VersionOrder {
    NEWER, SAME, OLDER, UNKNOWN;

    private static final Pattern NUMBERED = Pattern.compile("\\d{1,18}(?:\\.\\d{1,18})*");

    static VersionOrder of(String storedVersion, Instant storedAt, String version, Instant at) {
        if (storedVersion != null && version != null && NUMBERED.matcher(storedVersion).matches()
                && NUMBERED.matcher(version).matches()) {
            int order = compareNumbered(version, storedVersion);
            return order > 0 ? NEWER : order < 0 ? OLDER : SAME;
        }
        if (storedAt != null && at != null) {
            int order = at.compareTo(storedAt);
            return order > 0 ? NEWER : order < 0 ? OLDER : SAME;
        }
        if (storedVersion != null && Objects.equals(storedVersion, version)
                || storedVersion == null && version == null && storedAt == null && at == null) {
            return SAME;
        }
        return UNKNOWN;
    }

    private static int compareNumbered(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long l = i < left.length ? Long.parseLong(left[i]) : 0;
            long r = i < right.length ? Long.parseLong(right[i]) : 0;
            if (l != r) {
                return Long.compare(l, r);
            }
        }
        return 0;
    }
}

package dev.byline.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write's {@code If-Match}, read once where the request is read and handed to the service as a value: absent, any
 * ({@code *}), or the versions its ETags name. A write that must not overwrite a concurrent edit requires it (428
 * when absent); any write refuses one that names another version (412). Not a record: it is a condition on the write,
 * not part of what was written, so the audit summary of a write's inputs leaves it out.
 */
public final class IfMatch {

    private static final Pattern VERSIONED_TAG = Pattern.compile("(?:W/)?\"v(\\d+)(?:-[0-9a-f]*)?\"");

    /** No If-Match: no precondition. */
    public static final IfMatch ABSENT = new IfMatch(false, false, List.of());

    private final boolean sent;
    private final boolean any;
    private final List<Long> versions;

    private IfMatch(boolean sent, boolean any, List<Long> versions) {
        this.sent = sent;
        this.any = any;
        this.versions = List.copyOf(versions);
    }

    /** The versions its versioned ETags name ({@code "v3-…"}, weak or strong), in order. */
    public List<Long> versions() {
        return versions;
    }

    /** The If-Match a caller inside the service sends for a version it read (an import updating its own draft). */
    public static IfMatch version(long version) {
        return new IfMatch(true, false, List.of(version));
    }

    /** The If-Match header's value (null when absent), parsed. */
    public static IfMatch of(String header) {
        if (header == null || header.isBlank()) {
            return ABSENT;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, true, List.of());
        }
        List<Long> versions = new ArrayList<>();
        Matcher tags = VERSIONED_TAG.matcher(header);
        while (tags.find()) {
            try {
                versions.add(Long.parseLong(tags.group(1)));
            } catch (NumberFormatException e) {
                // more digits than any version has: it names none
            }
        }
        return new IfMatch(true, false, versions);
    }

    /** As {@link #check}, and 428 when the request sent no If-Match. */
    public void require(long currentVersion, String what) {
        if (!sent) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you last fetched of this " + what
                            + ", so that a concurrent edit is not overwritten.",
                    List.of(new Problem.FieldError("header", "If-Match", "required")), Map.of());
        }
        check(currentVersion, what);
    }

    /** 412 when the request sent an If-Match that names no ETag of the current version; absent or {@code *} pass. */
    public void check(long currentVersion, String what) {
        if (!sent || any || versions.contains(currentVersion)) {
            return;
        }
        String detail = !versions.isEmpty()
                ? "This " + what + " has changed since you fetched it (it is now at version " + currentVersion
                        + "); fetch it again and reapply your change."
                : "If-Match must be an ETag of this " + what + " as returned by GET, such as \"v" + currentVersion
                        + "-…\".";
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, detail);
    }
}

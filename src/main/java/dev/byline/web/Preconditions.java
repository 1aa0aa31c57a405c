package dev.byline.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** If-Match handling for writes: 428 when a required tag is missing, 412 when it names an older version. */
public final class Preconditions {

    private static final Pattern VERSIONED_TAG = Pattern.compile("(?:W/)?\"v(\\d+)(?:-[0-9a-f]*)?\"");

    private Preconditions() {
    }

    /** Checks a required If-Match header against the current version. */
    public static void requireIfMatch(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you last fetched of this " + what + ", so that a concurrent edit is not overwritten.",
                    java.util.List.of(new Problem.FieldError("header", "If-Match", "required")), Map.of());
        }
        checkIfMatch(ifMatch, currentVersion, what);
    }

    /** Checks an optional If-Match header; absent means no precondition. */
    public static void checkIfMatch(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        Matcher tags = VERSIONED_TAG.matcher(ifMatch);
        boolean sawTag = false;
        while (tags.find()) {
            sawTag = true;
            if (Long.parseLong(tags.group(1)) == currentVersion) {
                return;
            }
        }
        String detail = sawTag
                ? "This " + what + " has changed since you fetched it (it is now at version " + currentVersion
                        + "); fetch it again and reapply your change."
                : "If-Match must be an ETag of this " + what + " as returned by GET, such as \"v" + currentVersion + "-…\".";
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, detail);
    }
}

package dev.byline.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses query parameters by hand so that a bad value is a 400 naming the parameter, not JAX-RS's bare 404. */
public final class QueryParams {

    /** A list's page size when the request names none: a screenful of articles, comments or revisions. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The page size of the registers people work through (sources, keys, the audit log, the moderation queue). */
    public static final int REGISTER_PAGE_SIZE = 50;
    /** The largest page a list serves; the contract states it as each {@code limit}'s maximum. */
    public static final int MAX_PAGE_SIZE = 100;

    private QueryParams() {
    }

    /**
     * The page size: {@code defaultLimit} when the parameter is absent. (Quarkus REST reports an empty {@code limit=}
     * as absent; {@link EmptyParameterRefusal} has refused it before this runs. Blanks are not a number either.)
     */
    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidQuery("limit", "must be a whole number from 1 to " + max);
    }

    /** The page size of a list: {@value #DEFAULT_PAGE_SIZE} when absent, at most {@value #MAX_PAGE_SIZE}. */
    public static int pageSize(String raw) {
        return limit(raw, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    /** The page size of a register: {@value #REGISTER_PAGE_SIZE} when absent, at most {@value #MAX_PAGE_SIZE}. */
    public static int registerPageSize(String raw) {
        return limit(raw, REGISTER_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    /** An RFC 3339 date-time, or a plain date meaning its start in UTC. */
    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalidQuery(name, "must be an RFC 3339 date-time such as 2026-11-28T09:30:00Z, or a date such as 2026-11-28");
            }
        }
        if (!Timestamps.representable(instant)) {
            throw ProblemException.invalidQuery(name, Timestamps.RANGE_MESSAGE);
        }
        return instant;
    }
}

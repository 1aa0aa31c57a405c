package dev.byline.article;

import dev.byline.web.Patterns;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The filters, sort and page of GET /articles, checked and normalised. */
public record ArticleQuery(
        String q,
        String section,
        List<String> tags,
        String source,
        String language,
        Instant from,
        Instant to,
        Instant updatedSince,
        ArticleStatus status,
        Sort sort,
        int limit,
        String cursor) {

    public static final int DEFAULT_LIMIT = QueryParams.DEFAULT_PAGE_SIZE;
    public static final int MAX_LIMIT = QueryParams.MAX_PAGE_SIZE;
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile(Patterns.SLUG);
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile(Patterns.LANGUAGE);

    /** Orders a list can come in. */
    public enum Sort {
        NEWEST, OLDEST, UPDATED, RELEVANCE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Web-search syntax reads a leading '-' as NOT, one operator per dash: a run of them nests deeper than
     * PostgreSQL's tsquery parser allows ("tsquery stack too small"). One dash says the same to a reader.
     */
    private static final java.util.regex.Pattern REPEATED_NOT = java.util.regex.Pattern.compile("-(?:[\\s-]*-)+");

    @SuppressWarnings("java:S107")
    public static ArticleQuery parse(String q, String section, List<String> tags, String source, String language,
            String from, String to, String updatedSince, String status, String sort, String limit, String cursor) {
        String query = blankToNull(q);
        if (query != null && query.length() > 500) {
            throw ProblemException.invalidQuery("q", "must be at most 500 characters");
        }
        query = query == null ? null : blankToNull(REPEATED_NOT.matcher(query).replaceAll("-"));
        List<String> tagList = tags == null ? List.of()
                : tags.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct().sorted().toList();
        if (tagList.size() > 10) {
            throw ProblemException.invalidQuery("tag", "may be given at most 10 times");
        }
        tagList.forEach(t -> slug("tag", t));
        Instant fromTime = QueryParams.instant("from", from);
        Instant toTime = QueryParams.instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw ProblemException.invalidQuery("to", "must be later than from");
        }
        String lang = blankToNull(language);
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            throw ProblemException.invalidQuery("language", Patterns.LANGUAGE_MESSAGE);
        }
        ArticleStatus statusFilter = null;
        if (status != null) {
            try {
                statusFilter = ArticleStatus.of(status.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidQuery("status", e.getMessage());
            }
        }
        Sort order = parseSort(sort, query != null);
        String cursorValue = blankToNull(cursor);
        return new ArticleQuery(query, slug("section", blankToNull(section)), tagList, slug("source", blankToNull(source)),
                lang, fromTime, toTime, QueryParams.instant("updatedSince", updatedSince), statusFilter, order,
                QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), cursorValue);
    }

    /** Everything that decides which rows come in which order; a cursor is only valid for the same scope. */
    String scope() {
        return String.join("|", "articles", sort.toString(), String.valueOf(q), String.valueOf(section),
                String.join(",", tags), String.valueOf(source), String.valueOf(language), String.valueOf(from),
                String.valueOf(to), String.valueOf(updatedSince), String.valueOf(status));
    }

    private static Sort parseSort(String raw, boolean hasQuery) {
        if (raw == null) {
            return hasQuery ? Sort.RELEVANCE : Sort.NEWEST;
        }
        for (Sort sort : Sort.values()) {
            if (sort.toString().equals(raw.trim())) {
                if (sort == Sort.RELEVANCE && !hasQuery) {
                    throw ProblemException.invalidQuery("sort", "relevance needs a search query in q");
                }
                return sort;
            }
        }
        throw ProblemException.invalidQuery("sort", "must be one of: newest, oldest, updated, relevance");
    }

    private static String slug(String name, String value) {
        if (value != null && !SLUG.matcher(value).matches()) {
            throw ProblemException.invalidQuery(name, Patterns.SLUG_MESSAGE);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package dev.byline.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The other language versions of an article as read with it (V15's byline_article_translations), each with what
 * decides whether readers may see it, decided by the same rule as for any article ({@link Article#isPublic}).
 */
final class Translations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Translations NONE = new Translations(List.of());

    /** A language version and its state: a detached article carrying only what visibility reads. */
    private record Member(Translation translation, Article state) {
    }

    private final List<Member> members;

    private Translations(List<Member> members) {
        this.members = members;
    }

    static Translations parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode nodes;
        try {
            nodes = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Member> members = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            Article state = new Article();
            state.status = ArticleStatus.of(node.get("status").asText());
            state.publishedAt = instant(node, "publishedAt");
            state.embargoedUntil = instant(node, "embargoedUntil");
            state.expiresAt = instant(node, "expiresAt");
            members.add(new Member(new Translation(UUID.fromString(node.get("id").asText()), node.get("slug").asText(),
                    node.get("language").asText(), node.get("headline").asText(), node.get("original").asBoolean()),
                    state));
        }
        return new Translations(members);
    }

    /** All of them, whoever may read them: what a write must keep consistent. */
    List<Translation> all() {
        return members.stream().map(Member::translation).toList();
    }

    /** Those anybody may read at {@code now}. */
    List<Translation> readable(Instant now) {
        return members.stream().filter(m -> m.state().isPublic(now)).map(Member::translation).toList();
    }

    /** The next time a time rule (schedule, embargo, expiry) changes which of them are readable. */
    Instant nextChange(Instant now) {
        Instant next = Instant.MAX;
        for (Member member : members) {
            Article state = member.state();
            ArticleStatus status = state.status;
            if (status != ArticleStatus.PUBLISHED && status != ArticleStatus.SCHEDULED) {
                continue; // a draft or withdrawn version waits for an edit, which names the set (V15)
            }
            for (Instant at : new Instant[] {state.publishedAt, state.embargoedUntil, state.expiresAt}) {
                if (at != null && at.isAfter(now) && at.isBefore(next)) {
                    next = at;
                }
            }
        }
        return next;
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : OffsetDateTime.parse(value.asText()).toInstant();
    }
}

package dev.byline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.web.MergePatch;
import java.util.Iterator;
import java.util.Map;

/**
 * What a write set, for the audit log: one JSON object with each field the request sent (a merge patch's fields as
 * sent, null meaning cleared; an input record's fields that are not null) and its value shortened, so that an
 * article body or a long list is recognisable without being copied into the log.
 */
final class AuditSummary {

    /** Texts keep this many characters (code points), the last being an ellipsis when cut. */
    static final int MAX_TEXT = 100;
    /** Lists keep this many items, then a text saying how many more there were. */
    static final int MAX_ITEMS = 10;
    /** Objects nested deeper than this are replaced by an ellipsis. */
    private static final int MAX_DEPTH = 4;
    private static final String ELLIPSIS = "…";

    private AuditSummary() {
    }

    /** The summary of a method's arguments, or null when none of them is a request body. */
    static ObjectNode of(Object[] arguments, ObjectMapper mapper) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        for (Object argument : arguments) {
            if (argument instanceof MergePatch.Document patch) {
                // In a merge patch null clears a field: it is what changed, so it stays (left out fields are not written).
                JsonNode sent = mapper.valueToTree(patch);
                sent.fields().forEachRemaining(field -> summary.set(field.getKey(), shorten(field.getValue(), 1, true)));
            } else if (argument != null && argument.getClass().isRecord()) {
                // In an input record null means not given: only what was given is summarised.
                JsonNode input = mapper.valueToTree(argument);
                input.fields().forEachRemaining(field -> {
                    if (!field.getValue().isNull()) {
                        summary.set(field.getKey(), shorten(field.getValue(), 1, false));
                    }
                });
            }
        }
        return summary.isEmpty() ? null : summary;
    }

    static JsonNode shorten(JsonNode value, int depth, boolean keepNulls) {
        if (value.isTextual()) {
            return JsonNodeFactory.instance.textNode(shorten(value.textValue()));
        }
        if (value.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < Math.min(value.size(), MAX_ITEMS); i++) {
                items.add(shorten(value.get(i), depth + 1, keepNulls));
            }
            if (value.size() > MAX_ITEMS) {
                items.add(ELLIPSIS + " " + (value.size() - MAX_ITEMS) + " more");
            }
            return items;
        }
        if (value.isObject()) {
            if (depth >= MAX_DEPTH) {
                return JsonNodeFactory.instance.textNode(ELLIPSIS);
            }
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (keepNulls || !field.getValue().isNull()) {
                    fields.set(field.getKey(), shorten(field.getValue(), depth + 1, keepNulls));
                }
            }
            return fields;
        }
        return value;
    }

    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT - 1)) + ELLIPSIS;
    }
}

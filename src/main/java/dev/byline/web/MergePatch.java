package dev.byline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 7396 JSON Merge Patch over an input model: the current state is rendered as the input record, the patch is
 * merged into it, and the result is read back as the record and validated like a fresh input.
 */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;
    private final InputValidator validator;

    public MergePatch(ObjectMapper mapper, InputValidator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) throws JsonProcessingException {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED, "A merge patch must be a JSON object of the fields to change.");
        }
        ObjectNode merged = mapper.valueToTree(current);
        merge(merged, (ObjectNode) patch);
        return validator.validate(mapper.treeToValue(merged, type));
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}

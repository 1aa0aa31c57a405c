package dev.byline.web;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;

/** Renders Jackson's path to a failing value the way a client wrote it: {@code citedSources[1].role}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<Reference> path) {
        StringBuilder field = new StringBuilder();
        for (Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}

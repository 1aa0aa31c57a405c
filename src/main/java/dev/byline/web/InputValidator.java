package dev.byline.web;

import dev.byline.web.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates request bodies with Bean Validation and reports every violation at once, by field. */
@ApplicationScoped
public class InputValidator {

    static final Comparator<FieldError> BY_FIELD = Comparator.comparing(FieldError::field).thenComparing(FieldError::message);

    private final Validator validator;

    public InputValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T validate(T input) {
        if (input == null) {
            throw new ProblemException(ProblemType.MALFORMED, "A JSON body is required.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError("body", fieldName(v.getPropertyPath(), 0), v.getMessage()))
                    .sorted(BY_FIELD)
                    .toList();
            throw new ProblemException(ProblemType.VALIDATION, summary(errors), errors, Map.of());
        }
        return input;
    }

    static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            FieldError only = errors.get(0);
            return only.field().isEmpty() ? only.message() : "Field '" + only.field() + "' " + only.message() + ".";
        }
        return errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(FieldError::field).toList()) + ".";
    }

    /** Turns a property path into {@code citedSources[0].role}, skipping the first {@code skip} nodes (method, parameter). */
    static String fieldName(Path path, int skip) {
        StringBuilder field = new StringBuilder();
        int i = 0;
        for (Path.Node node : path) {
            if (i++ < skip) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}

package dev.byline.database;

import jakarta.persistence.AttributeConverter;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores an enum in a text column as its {@code toString()}: the value the API shows and the migration's CHECK
 * constraint lists. HQL compares such an attribute with the enum; native SQL compares the column with the text.
 * Each enum stored so has a subclass, named on its attribute with {@code @Convert}.
 */
public abstract class EnumAsText<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Map<String, E> byText = new HashMap<>();

    protected EnumAsText(Class<E> type) {
        for (E value : type.getEnumConstants()) {
            byText.put(value.toString(), value);
        }
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.toString();
    }

    @Override
    public E convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        E value = byText.get(text);
        if (value == null) {
            // The CHECK constraint admits only the enum's values: a new one was added to the schema, not to the enum.
            throw new IllegalStateException("A stored value the enum does not know: '" + text + "'");
        }
        return value;
    }
}

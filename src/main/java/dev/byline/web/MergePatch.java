package dev.byline.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * RFC 7396 JSON Merge Patch, typed: a resource reads the body into a patch record of {@link Field}s (each left out,
 * null, or a value), and the service applies it to the current state as an input record and validates the result
 * like a fresh input. Reading checks the body's shape, its field names and each value's type, with the problems
 * Jackson's exceptions map to ({@link JsonProblems}).
 */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;

    public MergePatch(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a patch of {@code type}; 400 when it is not a JSON object, names an unknown field or mistypes one. */
    public <P extends Document> P read(JsonNode body, Class<P> type) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED, "A merge patch must be a JSON object of the fields to change.");
        }
        return mapper.treeToValue(body, type);
    }

    /**
     * A patch record: every component a {@link Field}. Written as JSON it lists the fields as sent, null for a field
     * cleared (the audit log's summary of the write), when the record is annotated
     * {@code @JsonInclude(JsonInclude.Include.NON_EMPTY)}, which leaves the absent fields out.
     */
    public interface Document {
    }

    /** One field of a merge patch: left out (unchanged), sent as null (cleared), or sent with a value. */
    @JsonDeserialize(using = FieldReader.class)
    @JsonSerialize(using = FieldWriter.class)
    public static final class Field<T> {

        private static final Field<?> ABSENT = new Field<>(false, null);
        private static final Field<?> NULL = new Field<>(true, null);

        private final boolean sent;
        private final T value;

        private Field(boolean sent, T value) {
            this.sent = sent;
            this.value = value;
        }

        /** A field the patch leaves out. */
        @SuppressWarnings("unchecked")
        public static <T> Field<T> absent() {
            return (Field<T>) ABSENT;
        }

        /** A field sent as {@code value}, null clearing it. */
        @SuppressWarnings("unchecked")
        public static <T> Field<T> of(T value) {
            return value == null ? (Field<T>) NULL : new Field<>(true, value);
        }

        /** Whether the patch sends a value other than null. */
        public boolean hasValue() {
            return value != null;
        }

        /** What the field becomes: {@code current} when left out, else what was sent (null: cleared). */
        public T orElse(T current) {
            return sent ? value : current;
        }

        /**
         * What a nested object becomes: {@code current} when left out, null when cleared, and the sent patch merged
         * into {@code current} otherwise (RFC 7396 merges objects field by field).
         */
        public <C> C merge(C current, BiFunction<T, C, C> into) {
            return !sent ? current : value == null ? null : into.apply(value, current);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Field<?> field && field.sent == sent && Objects.equals(field.value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sent, value);
        }

        @Override
        public String toString() {
            return !sent ? "absent" : String.valueOf(value);
        }
    }

    /** Reads a field's value with the deserializer of its declared type; null and absence are told apart. */
    static final class FieldReader extends JsonDeserializer<Field<?>> implements ContextualDeserializer {

        private final JavaType valueType;

        FieldReader() {
            this(null);
        }

        private FieldReader(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            JavaType fieldType = property != null ? property.getType() : context.getContextualType();
            return new FieldReader(fieldType.containedTypeOrUnknown(0));
        }

        @Override
        public Field<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Field.of(context.readValue(parser, valueType));
        }

        @Override
        public Field<?> getNullValue(DeserializationContext context) {
            return Field.of(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Field.absent();
        }
    }

    /** Writes what was sent; a field left out counts as empty, so that {@code NON_EMPTY} leaves it out. */
    static final class FieldWriter extends JsonSerializer<Field<?>> {

        @Override
        public void serialize(Field<?> field, JsonGenerator generator, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(field.value, generator);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Field<?> field) {
            return !field.sent;
        }
    }
}

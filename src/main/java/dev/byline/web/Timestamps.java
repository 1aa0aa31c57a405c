package dev.byline.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * The times a request may carry: RFC 3339 date-times have four-digit years. Java reads far larger ones, and the
 * PostgreSQL driver writes some of those as other, valid dates and the rest as values the server refuses (a 500);
 * both are refused here instead, in bodies (this customizer) and in queries ({@link QueryParams#instant}).
 */
@Singleton
public class Timestamps implements ObjectMapperCustomizer {

    static final String RANGE_MESSAGE = "must have a four-digit year (0000 to 9999), as RFC 3339 date-times do";

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    static boolean representable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("byline-times")
                .addDeserializer(Instant.class, new RepresentableInstant(InstantDeserializer.INSTANT)));
    }

    /** After Quarkus registers the java.time module, so that this reader of Instants is the one Jackson picks. */
    @Override
    public int priority() {
        return QUARKUS_CUSTOMIZER_PRIORITY - 1;
    }

    /** Instants as Jackson reads them, refused outside the four-digit years of RFC 3339. */
    static final class RepresentableInstant extends StdDeserializer<Instant> implements ContextualDeserializer {

        private final JsonDeserializer<Instant> reader;

        RepresentableInstant(JsonDeserializer<Instant> reader) {
            super(Instant.class);
            this.reader = reader;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = reader.deserialize(parser, context);
            if (instant != null && !representable(instant)) {
                throw new InvalidFormatException(parser, RANGE_MESSAGE, parser.getText(), Instant.class);
            }
            return instant;
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = reader instanceof ContextualDeserializer c
                    ? c.createContextual(context, property) : reader;
            return contextual == reader ? this : new RepresentableInstant((JsonDeserializer<Instant>) contextual);
        }
    }
}

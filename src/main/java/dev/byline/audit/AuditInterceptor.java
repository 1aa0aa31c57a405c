package dev.byline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.Caller;
import io.quarkus.arc.ArcInvocationContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit event of an {@link Audited} method after it succeeds. Its priority puts it inside the
 * method's transaction, so the change and its audit record are committed or rolled back together.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AuditInterceptor {

    private static final int MAX_VALUE = 200;

    private final Caller caller;

    public AuditInterceptor(Caller caller) {
        this.caller = caller;
    }

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        Audited audited = ArcInvocationContext.findIterceptorBinding(invocation, Audited.class);
        AuditEvent event = new AuditEvent();
        event.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.keyId = caller.keyId();
        event.keyName = caller.name();
        event.action = audited.action();
        event.targetType = audited.target();
        event.targetId = targetId(result, invocation.getParameters());
        event.summary = summary(invocation.getParameters());
        event.persist();
        return result;
    }

    /** What was acted on: a view's id, an entity's slug, or else the first text argument (a delete's path parameter). */
    private static String targetId(Object result, Object[] parameters) {
        // Views are records with id(); entities expose Panache getters, where a slug names the thing better.
        List<String> accessors = result != null && result.getClass().isRecord() ? List.of("id", "slug")
                : List.of("getSlug", "getId");
        for (String accessor : accessors) {
            if (result == null) {
                break;
            }
            try {
                Object value = result.getClass().getMethod(accessor).invoke(result);
                if (value != null) {
                    return value.toString();
                }
            } catch (ReflectiveOperationException e) {
                // not this accessor
            }
        }
        for (Object parameter : parameters) {
            if (parameter instanceof String || parameter instanceof UUID) {
                return parameter.toString();
            }
        }
        return null;
    }

    /** A short account of the request: the fields a patch changed, the short values of an input. */
    private static String summary(Object[] parameters) {
        List<String> parts = new ArrayList<>();
        for (Object parameter : parameters) {
            if (parameter instanceof JsonNode patch && patch.isObject()) {
                List<String> fields = new ArrayList<>();
                patch.fieldNames().forEachRemaining(fields::add);
                parts.add("changed " + String.join(", ", fields));
            } else if (parameter != null && parameter.getClass().isRecord()) {
                parts.add(describe(parameter));
            }
        }
        String summary = String.join("; ", parts);
        return summary.isEmpty() ? null : summary;
    }

    private static String describe(Object record) {
        List<String> values = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(record);
                if (value == null) {
                    continue;
                }
                String text = value.toString();
                values.add(text.length() > MAX_VALUE || value instanceof Iterable<?> && text.length() > MAX_VALUE
                        ? component.getName() : component.getName() + "=" + text);
            } catch (ReflectiveOperationException e) {
                values.add(component.getName());
            }
        }
        return String.join(", ", values);
    }
}

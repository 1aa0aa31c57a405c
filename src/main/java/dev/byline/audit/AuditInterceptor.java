package dev.byline.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.Caller;
import io.quarkus.arc.ArcInvocationContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit event of an {@link Audited} method after it succeeds. Its priority puts it inside the
 * method's transaction, so the change and its audit record are committed or rolled back together.
 *
 * <p>Before the method runs it also names the acting key to the database for the rest of the transaction
 * (transaction-local settings {@code byline.key_id}, {@code byline.key_name} and {@code byline.role}): triggers that
 * record history in the database, whoever's write fires them, read who made the change from there (V15's article
 * revisions). A write without a key, or outside an audited method, leaves them empty: the database says "system".
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AuditInterceptor {

    private final Caller caller;
    private final ObjectMapper mapper;
    private final EntityManager entityManager;

    public AuditInterceptor(Caller caller, ObjectMapper mapper, EntityManager entityManager) {
        this.caller = caller;
        this.mapper = mapper;
        this.entityManager = entityManager;
    }

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        declareActor();
        Object result = invocation.proceed();
        Audited audited = ArcInvocationContext.findIterceptorBinding(invocation, Audited.class);
        AuditEvent event = new AuditEvent();
        event.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.keyId = caller.keyId();
        event.keyName = caller.name();
        event.action = audited.action();
        event.targetType = audited.target();
        event.targetId = targetId(result, invocation.getParameters());
        ObjectNode summary = AuditSummary.of(invocation.getParameters(), mapper);
        event.summary = summary == null ? null : mapper.writeValueAsString(summary);
        event.persist();
        return result;
    }

    private void declareActor() {
        UUID keyId = caller.keyId();
        String role = caller.isEditor() ? "editor" : caller.isModerator() ? "moderator"
                : caller.isPartner() ? "partner" : "system";
        entityManager.createNativeQuery("select set_config('byline.key_id', ?1, true),"
                        + " set_config('byline.key_name', ?2, true), set_config('byline.role', ?3, true)")
                .setParameter(1, keyId == null ? "" : keyId.toString())
                .setParameter(2, caller.isAnonymous() ? "" : caller.name())
                .setParameter(3, role)
                .getSingleResult();
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
}

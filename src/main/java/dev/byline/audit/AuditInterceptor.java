package dev.byline.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.Caller;
import dev.byline.StoredTime;
import io.quarkus.arc.ArcInvocationContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes the audit event of an {@link Audited} method after it succeeds. Its priority puts it inside the
 * method's transaction, so the change and its audit record are committed or rolled back together.
 *
 *
 * <p>The event also records the role the caller acted in, and the database stamps it with its transaction: triggers
 * that record history, whoever's write fires them, learn who made a change from the event of the same transaction
 * (V15's article revisions), at no extra statement.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AuditInterceptor {

    private final Caller caller;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AuditInterceptor(Caller caller, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.caller = caller;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        Audited audited = ArcInvocationContext.findIterceptorBinding(invocation, Audited.class);
        AuditEvent event = new AuditEvent();
        event.at = StoredTime.now(clock);
        event.keyId = caller.keyId();
        event.keyName = caller.name();
        event.actingRole = actingRole();
        event.action = audited.action();
        event.targetType = audited.target();
        event.targetId = targetId(result, invocation.getParameters());
        ObjectNode summary = AuditSummary.of(invocation.getParameters(), mapper);
        event.summary = summary == null ? null : mapper.writeValueAsString(summary);
        event.persist();
        return result;
    }

    /** The role the caller acted in, as history tells the public who made a change. */
    private String actingRole() {
        return caller.isEditor() ? "editor" : caller.isModerator() ? "moderator" : caller.isPartner() ? "partner"
                : "system";
    }

    /** What was acted on: what the write returned names it, or else the first text or UUID argument (a delete's). */
    private static String targetId(Object result, Object[] parameters) {
        if (result instanceof AuditSubject subject) {
            return subject.auditId();
        }
        for (Object parameter : parameters) {
            if (parameter instanceof String || parameter instanceof UUID) {
                return parameter.toString();
            }
        }
        return null;
    }
}

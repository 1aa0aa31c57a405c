package dev.byline.audit;

import dev.byline.web.CursorCodec;
import dev.byline.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads the audit log for administrators. */
@ApplicationScoped
public class AuditService {

    private final CursorCodec cursors;

    public AuditService(CursorCodec cursors) {
        this.cursors = cursors;
    }

    @Transactional
    public Page<AuditEntry> list(AuditQuery query, int limit, String cursor) {
        Long before = cursor == null ? null : cursors.decode(query.scope(), cursor, 1).number(0);
        List<AuditEvent> rows = AuditEvent.page(query, before, CursorCodec.fetchSize(limit));
        return cursors.page(query.scope(), rows, limit, last -> List.of(last.id.toString()), AuditEntry::from);
    }
}

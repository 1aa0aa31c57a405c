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
        Long before = cursor == null ? null : Long.valueOf(cursors.decode(query.scope(), cursor, 1).get(0));
        List<AuditEvent> rows = AuditEvent.page(query, before, limit + 1);
        boolean more = rows.size() > limit;
        List<AuditEvent> page = more ? rows.subList(0, limit) : rows;
        String next = more ? cursors.encode(query.scope(), List.of(page.get(page.size() - 1).id.toString())) : null;
        return new Page<>(page.stream().map(AuditEntry::from).toList(), next);
    }
}

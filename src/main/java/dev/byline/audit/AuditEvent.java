package dev.byline.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One write by an editor, moderator or administrator: who, what, to which target, when. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    @Column(name = "key_id")
    public UUID keyId;

    @Column(name = "key_name")
    public String keyName;

    /** The role the key acted in (editor, moderator, partner), which article history shows the public (V15). */
    @Column(name = "acting_role")
    public String actingRole;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    /** A JSON object (AuditSummary), kept as the text it was written as. */
    @Column(columnDefinition = "json")
    @ColumnTransformer(write = "cast(? as json)")
    public String summary;

    /** GET /api/v1/audit: newest first, keyset on id, each filter optional (indexes in V2). */
    public static List<AuditEvent> page(AuditQuery query, Long beforeId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.action() != null) {
            params.add(query.action());
            where.append(" and action = ?").append(params.size());
        }
        if (query.targetType() != null) {
            params.add(query.targetType());
            where.append(" and targetType = ?").append(params.size());
        }
        if (query.targetId() != null) {
            params.add(query.targetId());
            where.append(" and targetId = ?").append(params.size());
        }
        if (query.keyId() != null) {
            params.add(query.keyId());
            where.append(" and keyId = ?").append(params.size());
        }
        if (beforeId != null) {
            params.add(beforeId);
            where.append(" and id < ?").append(params.size());
        }
        return find(where + " order by id desc", params.toArray()).page(0, limit).list();
    }
}

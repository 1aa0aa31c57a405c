-- GET /api/v1/audit pages newest first by id: the primary key's index, read backwards, already serves it. V2's
-- audit_event_id_idx (id desc) only cost a second index write on every audited change.
drop index audit_event_id_idx;

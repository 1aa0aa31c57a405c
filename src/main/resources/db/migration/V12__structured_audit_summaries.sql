-- Audit summaries become JSON objects of the fields a request set (dev.byline.audit.AuditSummary), instead of the
-- Java text of its records. json rather than jsonb: the fields keep the order the request gave them. Entries
-- written before keep their text, as {"legacy": "..."}.
alter table audit_event
    alter column summary type json
    using case when summary is null then null else json_build_object('legacy', summary) end;

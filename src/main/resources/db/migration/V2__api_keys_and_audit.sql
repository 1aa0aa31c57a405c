-- API keys. Only a SHA-256 hash of the secret is stored; the prefix identifies a key in lists and logs.
create table api_key (
    id           uuid        primary key,
    prefix       text        not null unique,
    secret_hash  bytea       not null,
    name         text        not null,
    roles        text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
-- GET /api/v1/keys: keyset on (created_at, id), newest first.
create index api_key_created_idx on api_key (created_at desc, id desc);

-- Who changed what, written in the same transaction as the change itself.
create table audit_event (
    id          bigint      generated always as identity primary key,
    at          timestamptz not null,
    key_id      uuid,
    key_name    text        not null,
    action      text        not null,
    target_type text        not null,
    target_id   text,
    summary     text
);
-- GET /api/v1/audit: newest first, optionally by action, target or key; keyset on id.
create index audit_event_id_idx on audit_event (id desc);
create index audit_event_target_idx on audit_event (target_type, target_id, id desc);
create index audit_event_key_idx on audit_event (key_id, id desc);
create index audit_event_action_idx on audit_event (action, id desc);

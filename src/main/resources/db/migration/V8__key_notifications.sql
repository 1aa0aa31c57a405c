-- API keys are checked on every keyed request; each instance keeps the keys it has seen in memory
-- (dev.byline.security.KnownKeys) and forgets one when this notice names it. Only changes that decide whether a key
-- is accepted, and as what, are announced: last_used_at moves once a minute per key and decides nothing.
create function byline_notify_key() returns trigger language plpgsql as $$
begin
    perform pg_notify('byline', 'key ' || old.prefix);
    return null;
end $$;

-- Hibernate writes every column of a changed row, so the columns are compared rather than named in UPDATE OF.
create trigger api_key_changed after update on api_key for each row
    when (old.prefix is distinct from new.prefix or old.secret_hash is distinct from new.secret_hash
          or old.name is distinct from new.name or old.roles is distinct from new.roles
          or old.expires_at is distinct from new.expires_at or old.revoked_at is distinct from new.revoked_at)
    execute function byline_notify_key();
create trigger api_key_deleted after delete on api_key for each row execute function byline_notify_key();

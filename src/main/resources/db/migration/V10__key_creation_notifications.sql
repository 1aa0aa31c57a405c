-- Each instance also remembers the key prefixes the database had no key for (dev.byline.security.KnownKeys), so
-- that a client guessing keys costs no lookup per request. A key created with such a prefix must be accepted at once
-- everywhere: its creation is announced like its changes (V8), and every instance forgets the prefix.
create function byline_notify_new_key() returns trigger language plpgsql as $$
begin
    perform pg_notify('byline', 'key ' || new.prefix);
    return null;
end $$;

create trigger api_key_created after insert on api_key for each row execute function byline_notify_new_key();

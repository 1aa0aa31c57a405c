-- Benchmark API key: a fixed, publicly documented partner key for the "+ key" rows of bench/run.sh.
-- BENCHMARK ONLY: it belongs in a throwaway benchmark database, never in a real deployment.
-- The key itself comes from bench/run.sh as the psql variable :key (byl_<8 chars>_<32 chars>).
-- Like the service (dev.byline.security.KeySecrets), only the prefix 'byl_<8 chars>' and the SHA-256
-- of the whole key's UTF-8 bytes are stored. Safe to run again: an existing row with the same prefix
-- is left as it is (if it was revoked or changed, bench/run.sh notices: the key then gets 401).

\set ON_ERROR_STOP on

insert into api_key (id, prefix, secret_hash, name, roles, created_at)
values (gen_random_uuid(),
        substr(:'key', 1, 12),
        sha256(convert_to(:'key', 'UTF8')),
        'benchmark partner key (bench/run.sh)',
        array['partner'],
        now())
on conflict (prefix) do nothing;

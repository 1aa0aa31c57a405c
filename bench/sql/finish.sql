-- Benchmark seed, step 3 of 3: drop the helper schema and refresh the planner's statistics.
-- VACUUM (ANALYZE) rather than plain ANALYZE: besides the statistics it sets the visibility map
-- and flushes the GIN indexes' pending lists, so the first measured requests don't pay for that.
-- It runs outside a transaction, so psql must not be given --single-transaction for this file.

\set ON_ERROR_STOP on
set client_min_messages = warning;

drop schema if exists bench_seed cascade;
vacuum (analyze) source, article, article_slug, article_cited_source;

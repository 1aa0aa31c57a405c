-- Relevance (GET /articles?q=…&sort=relevance, see ArticleListing.relevancePage) ranks a match by where the query
-- matches: the headline alone, the headline and standfirst together, or only with the body; newest first within each.
-- Telling these apart must not read the body: `search` holds the body's lexemes too, is TOASTed, and reading it for
-- every match of a common word cost more than the rest of the request (before this, relevance ranked only the 1 000
-- newest matches for that reason).
--
-- search_lead is the small part of `search`: the headline (weight A) and standfirst (B), at the same positions, so a
-- query matches search_lead only if it matches those two fields. A few hundred bytes; STORAGE MAIN keeps it in the
-- row instead of moving it to the TOAST table, so checking it costs no extra read.
--
-- Adding a stored generated column rewrites the table under an ACCESS EXCLUSIVE lock: reads and writes of articles
-- wait until it is done (20 s to a minute for 100 000 articles on a busy 2-core machine).
alter table article
    add column search_lead tsvector generated always as (
        setweight(to_tsvector('english', headline), 'A') ||
        setweight(to_tsvector('english', coalesce(standfirst, '')), 'B')) stored,
    alter column search_lead set storage main;

-- GET /articles?q=…&sort=relevance for a word that is rare in headlines and standfirsts: the planner collects the
-- matches of the two upper tiers here and sorts them, instead of walking the newest-first index past articles that
-- do not match.
create index article_search_lead_idx on article using gin (search_lead);

-- Relevance chooses per tier between walking the newest-first index and collecting the matches from a GIN index, from
-- how common the query's words are. PostgreSQL keeps word frequencies for columns; the headline tier tests an
-- expression, whose frequencies it keeps only when asked to.
create statistics article_search_headline_stats on (ts_filter(search_lead, '{a}')) from article;

-- Without this the planner would have no word frequencies for the new column until autovacuum next analyses the
-- table, which a rewrite does not prompt, and would guess every word rare.
analyze article;

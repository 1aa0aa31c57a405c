-- Every language, translations and each article's history.

-- ---- Search in the article's own language ------------------------------------------------------------------------
-- The text search configuration an article's words are indexed with, from its BCP 47 language tag (the primary
-- subtag decides: pt-BR is Portuguese). Every language PostgreSQL (14 and later) ships a stemmer for; everything else
-- is 'simple': whole words, lower-cased, no stemming and no stop words. Kept in step with the list in README ("Every
-- language") and in the contract's description of q. PL/pgSQL rather than SQL, so that the planner calls it rather than
-- inlining its 30 branches wherever a search names it (ArticleListing.Search), which tripled a search's planning time.
create function byline_search_config(language text) returns regconfig
    language plpgsql immutable parallel safe strict as $$
begin
    return case split_part(language, '-', 1)
        when 'ar' then 'arabic'::regconfig
        when 'hy' then 'armenian'::regconfig
        when 'eu' then 'basque'::regconfig
        when 'ca' then 'catalan'::regconfig
        when 'da' then 'danish'::regconfig
        when 'nl' then 'dutch'::regconfig
        when 'en' then 'english'::regconfig
        when 'fi' then 'finnish'::regconfig
        when 'fr' then 'french'::regconfig
        when 'de' then 'german'::regconfig
        when 'el' then 'greek'::regconfig
        when 'hi' then 'hindi'::regconfig
        when 'hu' then 'hungarian'::regconfig
        when 'id' then 'indonesian'::regconfig
        when 'ga' then 'irish'::regconfig
        when 'it' then 'italian'::regconfig
        when 'lt' then 'lithuanian'::regconfig
        when 'ne' then 'nepali'::regconfig
        when 'no' then 'norwegian'::regconfig
        when 'nb' then 'norwegian'::regconfig
        when 'nn' then 'norwegian'::regconfig
        when 'pt' then 'portuguese'::regconfig
        when 'ro' then 'romanian'::regconfig
        when 'ru' then 'russian'::regconfig
        when 'sr' then 'serbian'::regconfig
        when 'es' then 'spanish'::regconfig
        when 'sv' then 'swedish'::regconfig
        when 'ta' then 'tamil'::regconfig
        when 'tr' then 'turkish'::regconfig
        when 'yi' then 'yiddish'::regconfig
        else 'simple'::regconfig
    end;
end $$;

-- The search vectors of V1 and V7, now made with each article's own configuration. A stored generated column's
-- expression cannot be altered before PostgreSQL 17, so both are made again: this rewrites the table under an
-- ACCESS EXCLUSIVE lock (reads and writes of articles wait; about a minute for 100 000 articles on a busy 2-core
-- machine) and drops their indexes and statistics, which are made again below as V1 and V7 made them.
alter table article drop column search, drop column search_lead;
alter table article
    add column search tsvector generated always as (
        setweight(to_tsvector(byline_search_config(language), headline), 'A') ||
        setweight(to_tsvector(byline_search_config(language), coalesce(standfirst, '')), 'B') ||
        setweight(to_tsvector(byline_search_config(language), body_text), 'C')) stored,
    add column search_lead tsvector generated always as (
        setweight(to_tsvector(byline_search_config(language), headline), 'A') ||
        setweight(to_tsvector(byline_search_config(language), coalesce(standfirst, '')), 'B')) stored,
    alter column search_lead set storage main;

-- GET /articles?q=: search @@ the query as the article's language reads it (ArticleListing.matches).
create index article_search_idx on article using gin (search);
-- GET /articles?q=…&sort=relevance: the headline and standfirst tiers (see V7).
create index article_search_lead_idx on article using gin (search_lead);
create statistics article_search_headline_stats on (ts_filter(search_lead, '{a}')) from article;
-- GET /articles?q= without a language filter: each of the catalogue's main languages is its own branch with a GIN
-- index; articles in any other language are found by the ranges between those languages, in byte order
-- (ArticleListing.Search), so that this branch too can join a bitmap scan instead of forcing a walk of every article.
create index article_language_idx on article (language collate "C");

-- Without this the planner would have no word frequencies for the new search columns until autovacuum next analyses
-- the table, which a rewrite does not prompt (see V7).
analyze article;

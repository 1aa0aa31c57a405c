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

-- ---- Translations ---------------------------------------------------------------------------------------------------
-- An article may be the translation of another, its original. The original and its translations are one set of
-- language versions; a translation is never itself translated (the original is named instead), so the set is the
-- original plus every article naming it. Deleting an original leaves its translations standing on their own.
alter table article
    add column translation_of uuid references article (id) on delete set null,
    add constraint article_translation_not_itself check (translation_of <> id);
-- The set of an article (byline_article_translations), and "has this original a translation in that language?".
-- One translation per language: two editors adding the same language at once cannot both succeed.
create unique index article_translation_idx on article (translation_of, language) where translation_of is not null;

-- The other language versions of an article, with what decides who may see them: every reader of an article
-- (ArticleReader's one statement, and Hibernate through Article.translationsJson) gets them in the same statement.
-- The visibility rule itself stays in Java (Article.isPublic), which also learns from these times when the list will
-- change next.
create function byline_article_translations(article_id uuid, original_id uuid) returns json
    language plpgsql stable parallel safe as $$
begin
    return (select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'language', t.language,
                                              'headline', t.headline, 'original', t.translation_of is null,
                                              'status', t.status, 'publishedAt', t.published_at,
                                              'embargoedUntil', t.embargoed_until, 'expiresAt', t.expires_at)
                            order by t.language, t.id)
              from article t
             where (t.id = coalesce(original_id, article_id) or t.translation_of = coalesce(original_id, article_id))
               and t.id <> article_id);
end $$;

-- Each article's rendition lists its language versions (slug, language, headline, and whether readers may see them),
-- so a change to those in one article makes the renditions of the whole set stale: the other articles of the set,
-- before and after the change, are named too (see V6 for the notices).
create function byline_notify_translations() returns trigger language plpgsql as $$
declare
    originals uuid[];
begin
    if tg_op in ('UPDATE', 'DELETE') then
        originals := originals || coalesce(old.translation_of, old.id);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        originals := originals || coalesce(new.translation_of, new.id);
    end if;
    perform pg_notify('byline', 'article ' || t.id)
       from article t
      where t.id = any(originals) or t.translation_of = any(originals);
    return null;
end $$;

-- Hibernate writes every column of a changed row, so the columns are compared rather than named in UPDATE OF; a
-- comment count moving (the most frequent update) names nobody else.
create trigger article_translations_changed after update on article for each row
    when (old.translation_of is distinct from new.translation_of or old.slug is distinct from new.slug
          or old.language is distinct from new.language or old.headline is distinct from new.headline
          or old.status is distinct from new.status or old.published_at is distinct from new.published_at
          or old.embargoed_until is distinct from new.embargoed_until or old.expires_at is distinct from new.expires_at)
    execute function byline_notify_translations();
create trigger article_translation_added after insert on article for each row
    when (new.translation_of is not null)
    execute function byline_notify_translations();
-- Deleting an original sets its translations' translation_of to null, an update that names them and the rest.
create trigger article_translation_deleted after delete on article for each row
    when (old.translation_of is not null)
    execute function byline_notify_translations();

-- Without this the planner would have no word frequencies for the new search columns until autovacuum next analyses
-- the table, which a rewrite does not prompt (see V7).
analyze article;

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

-- ---- History --------------------------------------------------------------------------------------------------------
-- Every committed version of every article (GET /articles/{idOrSlug}/revisions): what it said, when it became
-- current, who made it, which fields it changed and the correction it added. Written by the trigger below, so that no
-- write path (the API, the scheduler, a moderator, an import, a hand-written UPDATE) can forget it.
create table article_revision (
    article_id    uuid        not null,
    version       bigint      not null,
    -- When this version became current (its transaction's commit).
    recorded_at   timestamptz not null,
    -- The API key that made it, from the audit event of the same transaction; null when no key did (the scheduler,
    -- SQL by hand).
    key_id        uuid,
    key_name      text,
    -- What the public is told of who made it: editor, moderator, partner or system.
    actor_role    text        not null,
    -- API fields whose value differs from the previous version (for the first one: those it was created with).
    changed       text[]      not null,
    -- {id, text, createdAt} of the correction this version added.
    correction    jsonb,
    -- When the public could first read this version, had it stayed current: null if it was never meant for them
    -- (a draft, a withdrawal). It was public if that moment came before superseded_at and expires_at.
    public_from   timestamptz,
    expires_at    timestamptz,
    -- When the next version replaced this one; null for the current version.
    superseded_at timestamptz,
    -- The article as this version had it (see byline_article_snapshot); null once the article is deleted.
    content       jsonb,
    primary key (article_id, version)
);

-- The article as a version of it reads, in the API's field names, with its source and cited sources as they were
-- (names and default rights change; the version keeps what readers saw).
create function byline_article_snapshot(article_id uuid) returns jsonb language sql stable as $$
    select jsonb_build_object(
               'slug', a.slug, 'headline', a.headline, 'standfirst', a.standfirst, 'bodyHtml', a.body_html,
               'bodyText', a.body_text, 'byline', a.byline, 'dateline', a.dateline, 'section', a.section,
               'tags', to_jsonb(a.tags), 'language', a.language, 'translationOf', a.translation_of,
               'status', a.status, 'publishedAt', a.published_at, 'embargoedUntil', a.embargoed_until,
               'expiresAt', a.expires_at, 'withdrawnAt', a.withdrawn_at, 'withdrawalReason', a.withdrawal_reason,
               'attribution', a.attribution, 'copyrightHolder', a.copyright_holder, 'usageTerms', a.usage_terms,
               'syndicatable', a.syndicatable, 'canonicalUrl', a.canonical_url, 'commentsOpen', a.comments_open,
               'wordCount', a.word_count, 'createdAt', a.created_at, 'updatedAt', a.updated_at,
               'source', (select jsonb_build_object('slug', s.slug, 'name', s.name, 'kind', s.kind,
                                                    'defaultAttribution', s.default_attribution,
                                                    'copyrightHolder', s.copyright_holder,
                                                    'usageTerms', s.usage_terms, 'syndicatable', s.syndicatable)
                            from source s where s.id = a.source_id),
               'citedSources', coalesce((select jsonb_agg(jsonb_build_object('slug', cs.slug, 'name', cs.name,
                                                                             'kind', cs.kind,
                                                                             'syndicatable', cs.syndicatable,
                                                                             'role', c.role, 'note', c.note,
                                                                             'url', c.url) order by c.position)
                                           from article_cited_source c join source cs on cs.id = c.source_id
                                          where c.article_id = a.id), '[]'),
               'corrections', coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'text', r.text,
                                                                            'createdAt', r.created_at)
                                                         order by r.created_at, r.id)
                                          from article_correction r where r.article_id = a.id), '[]'))
      from article a
     where a.id = byline_article_snapshot.article_id
$$;

-- What "changed" compares: a snapshot by the fields the API shows, a source by its slug (a source renamed between
-- two versions is not a change the article made).
create function byline_revision_fields(content jsonb) returns jsonb language sql immutable as $$
    select (content - 'updatedAt' - 'createdAt' - 'wordCount' - 'withdrawnAt' - 'withdrawalReason'
                    - 'copyrightHolder' - 'usageTerms' - 'syndicatable' - 'source' - 'citedSources')
           || jsonb_build_object(
                  'withdrawal', jsonb_build_array(content -> 'withdrawnAt', content -> 'withdrawalReason'),
                  'rights', jsonb_build_array(content -> 'copyrightHolder', content -> 'usageTerms',
                                              content -> 'syndicatable'),
                  'source', content -> 'source' -> 'slug',
                  'citedSources', coalesce((select jsonb_agg(c - 'name' - 'kind' - 'syndicatable')
                                              from jsonb_array_elements(content -> 'citedSources') c), '[]'))
$$;

-- Who made a version: every write made with a key is audited in its own transaction (dev.byline.audit.AuditInterceptor),
-- so the audit event that transaction wrote names the key and the role it acted in. Events written before V15 have
-- no transaction id; the default fills it for new ones without rewriting the table.
alter table audit_event add column tx xid8, add column acting_role text;
alter table audit_event alter column tx set default pg_current_xact_id();
-- byline_record_revision: the audit event of the transaction being committed.
create index audit_event_tx_idx on audit_event (tx) where tx is not null;

-- Records the version an insert or update left, once the transaction commits: deferred, so the article's cited
-- sources and corrections (written by other statements, in whatever order Hibernate flushes them) are final, and a
-- version written twice in one transaction is recorded once. Who made it comes from the transaction's audit event;
-- without one (the scheduler, SQL by hand) it was the system.
create function byline_record_revision() returns trigger language plpgsql as $$
declare
    latest   article;
    content  jsonb;
    previous jsonb;
    fields   jsonb;
    before   jsonb;
    added    jsonb;
    actor_key  uuid;
    actor_name text;
    actor_role text;
    made_at  timestamptz := clock_timestamp();
begin
    select * into latest from article where id = new.id;
    if not found or exists (select 1 from article_revision r
                             where r.article_id = latest.id and r.version = latest.version) then
        return null; -- deleted later in the same transaction, or this version is recorded already
    end if;
    content := byline_article_snapshot(latest.id);
    select r.content into previous from article_revision r
     where r.article_id = latest.id order by r.version desc limit 1;
    fields := byline_revision_fields(content);
    before := byline_revision_fields(coalesce(previous,
        jsonb_build_object('bodyHtml', '', 'bodyText', '', 'tags', '[]'::jsonb, 'corrections', '[]'::jsonb,
                           'commentsOpen', true)));
    select c.value into added from jsonb_array_elements(content -> 'corrections') c
     where not exists (select 1 from jsonb_array_elements(previous -> 'corrections') p
                        where p.value -> 'id' = c.value -> 'id')
     order by (c.value ->> 'id')::bigint desc limit 1;
    select e.key_id, e.key_name, e.acting_role into actor_key, actor_name, actor_role
      from audit_event e where e.tx = pg_current_xact_id() order by e.id limit 1;
    update article_revision set superseded_at = made_at where article_id = latest.id and superseded_at is null;
    insert into article_revision (article_id, version, recorded_at, key_id, key_name, actor_role, changed, correction,
                                  public_from, expires_at, content)
    values (latest.id, latest.version, made_at,
            actor_key, actor_name, coalesce(actor_role, 'system'),
            array(select k from jsonb_object_keys(fields || before) k
                   where coalesce(fields -> k, 'null') is distinct from coalesce(before -> k, 'null')
                   order by k collate "C"),
            added,
            case when latest.status in ('published', 'scheduled')
                 then greatest(made_at, latest.published_at, latest.embargoed_until) end,
            latest.expires_at, content);
    return null;
end $$;

create constraint trigger article_revision_created after insert on article
    deferrable initially deferred for each row execute function byline_record_revision();
create constraint trigger article_revision_updated after update on article
    deferrable initially deferred for each row when (old.version is distinct from new.version)
    execute function byline_record_revision();

-- A deleted article keeps no content: its versions keep only when, who and which fields (ArticleService.delete).
create function byline_forget_revisions() returns trigger language plpgsql as $$
begin
    update article_revision set content = null, correction = null where article_id = old.id;
    return null;
end $$;
create trigger article_revisions_forgotten after delete on article for each row
    execute function byline_forget_revisions();

-- History starts now: each existing article's current version is its first recorded one, made by nobody known.
insert into article_revision (article_id, version, recorded_at, actor_role, changed, public_from, expires_at, content)
select a.id, a.version, a.updated_at, 'system', '{}',
       case when a.status in ('published', 'scheduled')
            then greatest(a.updated_at, a.published_at, a.embargoed_until) end,
       a.expires_at, byline_article_snapshot(a.id)
  from article a;

-- Without this the planner would have no word frequencies for the new search columns until autovacuum next analyses
-- the table, which a rewrite does not prompt (see V7).
analyze article;

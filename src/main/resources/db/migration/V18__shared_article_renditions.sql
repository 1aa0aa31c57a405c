-- The public JSON of articles as an instance rendered it (gzip-compressed), shared by every instance
-- (dev.byline.article.StoredRenditions): an instance that has not rendered an article yet, or no longer keeps it in
-- memory, reads these bytes in the article's one read statement (db/queries/article-read.sql) instead of loading
-- citations, corrections and language versions and rendering them again.
--
-- It is a cache: unlogged (not written to the WAL, emptied after a crash), only ever holding what anybody may read,
-- and every row is deleted by the commit that makes it stale, whoever commits it (this service, another instance, the
-- scheduler, a hand-written UPDATE). `format` names the renderer that made a row (a digest of a sample rendering and
-- the site settings), so an instance never serves another version's rendering.
create unlogged table article_rendition (
    article_id  uuid primary key,
    format      text not null,
    slug        text not null,
    version     bigint not null,
    tag         text not null,
    length      integer not null,
    valid_until timestamptz,            -- null: until something changes
    gzip        bytea not null
);

-- Moves with every commit that makes renditions stale. A reader stores what it rendered only if the epoch is still
-- the one its read statement saw, waiting for a writer that is committing (StoredRenditions.store): otherwise a
-- rendition of rows read just before a commit could be stored just after it, and stay.
create table article_rendition_epoch (
    only_row boolean primary key default true check (only_row),
    value    bigint not null
);
insert into article_rendition_epoch (value) values (0);

create function byline_renditions_stale(articles uuid[]) returns void language plpgsql as $$
begin
    update article_rendition_epoch set value = value + 1;
    delete from article_rendition where article_id = any(articles);
end $$;

-- An article's rendition shows its row, its source and cited sources, its corrections and its language versions'
-- slugs, headlines and visibility (V15). These run at commit (deferred), after every row lock the transaction takes,
-- so that the epoch row is always the last lock a writer waits for: no deadlock with other writers.
create function byline_article_rendition_stale() returns trigger language plpgsql as $$
declare
    articles uuid[] := '{}';
    originals uuid[] := '{}';
begin
    if tg_op = 'INSERT' and new.translation_of is null then
        return null; -- a new original: nothing rendered it yet, and no other version lists it
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        articles := articles || old.id;
        originals := originals || coalesce(old.translation_of, old.id);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        originals := originals || coalesce(new.translation_of, new.id);
    end if;
    -- The other language versions list this one (the columns V15's notices compare).
    if tg_op <> 'UPDATE'
            or (old.translation_of, old.slug, old.language, old.headline, old.status, old.published_at,
                old.embargoed_until, old.expires_at)
               is distinct from
               (new.translation_of, new.slug, new.language, new.headline, new.status, new.published_at,
                new.embargoed_until, new.expires_at) then
        articles := articles || array(select t.id from article t
                                       where t.id = any(originals) or t.translation_of = any(originals));
    end if;
    if cardinality(articles) > 0 then
        perform byline_renditions_stale(articles);
    end if;
    return null;
end $$;

create function byline_article_part_rendition_stale() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform byline_renditions_stale(array[old.article_id]);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform byline_renditions_stale(array[new.article_id]);
    end if;
    return null;
end $$;

create function byline_source_rendition_stale() returns trigger language plpgsql as $$
begin
    perform byline_renditions_stale(array(
        select a.id from article a where a.source_id = old.id
        union
        select c.article_id from article_cited_source c where c.source_id = old.id));
    return null;
end $$;

create constraint trigger article_rendition_stale after insert or update or delete on article
    deferrable initially deferred for each row execute function byline_article_rendition_stale();
create constraint trigger article_cited_source_rendition_stale after insert or update or delete on article_cited_source
    deferrable initially deferred for each row execute function byline_article_part_rendition_stale();
create constraint trigger article_correction_rendition_stale after insert or update or delete on article_correction
    deferrable initially deferred for each row execute function byline_article_part_rendition_stale();
create constraint trigger source_rendition_stale after update or delete on source
    deferrable initially deferred for each row execute function byline_source_rendition_stale();

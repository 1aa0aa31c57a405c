-- Every instance keeps rendered articles, lists, feeds and thread pages in memory, and parks change-feed long polls
-- without a thread (dev.byline.database.DatabaseNotifications). These triggers tell every instance what changed when
-- the change commits, whoever made it: this service, another instance, the scheduler or a hand-written UPDATE.
-- NOTIFY is transactional (nothing is sent for a rolled-back change) and identical notices in one transaction are
-- sent once, so a bulk statement costs one notice per article, not per column.
-- One channel, 'byline'; the payload is '<kind>' or '<kind> <key>':
--   article <uuid>   an article row changed or went (its rendition is stale; lists and feeds may be too)
--   catalogue        articles were added, or cited sources, corrections or tombstones changed
--   source <id>      a source changed: every article that shows it is stale
--   comments <uuid>  a comment of that article changed (thread pages are stale)
--   change           a change-feed entry was committed (wakes long polls)

create function byline_notify_article() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('byline', 'article ' || old.id);
    else
        perform pg_notify('byline', 'article ' || new.id);
    end if;
    return null;
end $$;

-- A notice without a key; the kind is the trigger's argument.
create function byline_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('byline', tg_argv[0]);
    return null;
end $$;

create function byline_notify_source() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('byline', 'source ' || old.id);
    else
        perform pg_notify('byline', 'source ' || new.id);
    end if;
    return null;
end $$;

create function byline_notify_comment() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('byline', 'comments ' || old.article_id);
    else
        perform pg_notify('byline', 'comments ' || new.article_id);
    end if;
    return null;
end $$;

create trigger article_changed after update or delete on article
    for each row execute function byline_notify_article();
create trigger article_added after insert on article
    for each statement execute function byline_notify('catalogue');
create trigger article_cited_source_changed after insert or update or delete on article_cited_source
    for each statement execute function byline_notify('catalogue');
create trigger article_correction_changed after insert or update or delete on article_correction
    for each statement execute function byline_notify('catalogue');
create trigger article_tombstone_changed after insert or update or delete on article_tombstone
    for each statement execute function byline_notify('catalogue');
create trigger source_changed after update or delete on source
    for each row execute function byline_notify_source();
create trigger comment_changed after insert or update or delete on comment
    for each row execute function byline_notify_comment();
create trigger article_change_added after insert on article_change
    for each statement execute function byline_notify('change');

-- ReadCaches.horizon: the next moment a time rule changes what the public sees, so that cached lists and feeds expire
-- exactly then. The earliest scheduled publication still ahead (the other two times have indexes from V4).
create index article_scheduled_idx on article (published_at) where status = 'scheduled';

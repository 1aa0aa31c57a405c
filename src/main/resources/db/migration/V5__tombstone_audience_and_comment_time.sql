-- Whether a deleted article had ever been shown to the public, or to partners. Only then does its tombstone answer
-- 410 (and ninjs 'canceled') to them; a deleted draft, or a scheduled article deleted before its time, stays 404,
-- so that deleting it does not reveal that it existed. Tombstones written before this migration keep answering 410.
alter table article_tombstone
    add column was_public     boolean not null default true,
    add column was_syndicated boolean not null default true;
alter table article_tombstone
    alter column was_public drop default,
    alter column was_syndicated drop default;

-- When an article's comment count last moved. Feeds show the count, so their Last-Modified must move with it
-- (If-Modified-Since would otherwise keep a stale count). Read only from the rows a feed has already selected,
-- so it needs no index, and the frequent comment-count updates stay heap-only (HOT) updates.
alter table article add column comments_changed_at timestamptz;

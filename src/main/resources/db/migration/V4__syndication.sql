-- Time rules for syndication: an embargo (partners may hold the story, the public sees nothing until then) and an
-- expiry (after it the story leaves every list and feed).
alter table article
    add column embargoed_until timestamptz,
    add column expires_at      timestamptz;

-- The partial indexes of V1 keep their predicate, status in ('published', 'scheduled'): the public predicate now
-- also compares embargoed_until and expires_at with now(), which an index predicate may not contain (now() is not
-- immutable). Those rows stay in the indexes and are filtered while scanning; embargoed and expired articles are
-- few next to the published ones and sit at the two ends of the newest-first order.

-- TimeRules.announceExpiries: published articles whose expiry has passed, found without scanning every article.
create index article_expires_idx on article (expires_at) where expires_at is not null and status = 'published';

-- The change feed (GET /api/v1/changes): every change partners must mirror, in commit order.
-- seq is allocated under a transaction-level advisory lock held until commit (see ChangeLog.record), so rows become
-- visible in seq order and a reader that has seen seq n can never later find a committed row below n.
-- No foreign key to article: the changes of a deleted article must outlive it.
create table article_change (
    seq        bigint      generated always as identity primary key,
    article_id uuid        not null,
    kind       text        not null check (kind in ('published', 'updated', 'corrected', 'withdrawn', 'deleted',
                                                    'expired')),
    version    bigint      not null,
    at         timestamptz not null,
    slug       text        not null,
    -- Set on published/updated/corrected while the article is under embargo.
    embargoed_until timestamptz
);
-- TimeRules.announceExpiries: has this version's expiry been announced already?
create index article_change_article_idx on article_change (article_id, seq desc);

-- FeedService.LAST_MODIFIED: the latest embargo lifted and the latest deletion, each one index probe.
create index article_embargo_idx on article (embargoed_until) where embargoed_until is not null;
create index article_tombstone_deleted_idx on article_tombstone (deleted_at);

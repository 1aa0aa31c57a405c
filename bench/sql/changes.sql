-- Benchmark seed, change feed: one 'published' change per article partners may see, in publication
-- order, as if every seeded article had been published through the API. The articles were inserted
-- straight through SQL, so the service never wrote these rows itself. Runs only while the change feed
-- is empty (the first run after seeding, or after upgrading an older benchmark database).

\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into article_change (article_id, kind, version, at, slug)
select a.id, 'published', a.version, a.published_at, a.slug
from article a
where not exists (select 1 from article_change)
  and a.status in ('published', 'scheduled') and a.published_at <= now()
  and (a.expires_at is null or a.expires_at > now())
  and coalesce(a.syndicatable, (select s.syndicatable from source s where s.id = a.source_id), true)
order by a.published_at, a.id;

vacuum (analyze) article_change;

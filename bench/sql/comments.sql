-- Benchmark seed, comments: one published article, slug 'bench-comment-thread', with 30 000 comments in
-- 3 000 threads at mixed depths (0: 3 000, 1: 12 000, 2: 8 000, 3: 4 000, 4: 2 000, 5: 700, 6: 300).
-- Each level's comments answer parents of the level above, spread by a multiplicative hash so that some
-- threads grow long and others stay short. About 1% are deleted (placeholders when they have replies);
-- the rest are approved. reply_count and the article's comment_count are then computed from the rows,
-- as the service keeps them. Runs only when the article does not exist yet.

\set ON_ERROR_STOP on

select exists (select 1 from article where slug = 'bench-comment-thread') as seeded \gset
\if :seeded
select 0;
\else
begin;
insert into article (id, slug, headline, body_html, body_text, section, status, published_at, created_at, updated_at)
values (gen_random_uuid(), 'bench-comment-thread', 'Bench comment thread', '<p>Discuss.</p>', 'Discuss.', 'world',
        'published', now() - interval '2 days', now() - interval '2 days', now() - interval '2 days');
insert into article_slug (slug, article_id, created_at)
select slug, id, created_at from article where slug = 'bench-comment-thread';
select id as article_id from article where slug = 'bench-comment-thread' \gset

-- Level 0: the top-level comments.
insert into comment (id, article_id, parent_id, root_id, depth, path, status, author_name, body_text, body_html,
                     edit_token_hash, created_at)
select g.id, :'article_id', null, g.id, 0, array[g.id], 'approved', 'Reader ' || g.n,
       'Top-level comment number ' || g.n, '<p>Top-level comment number ' || g.n || '</p>',
       sha256(g.n::text::bytea), now() - interval '2 days' + g.n * interval '20 seconds'
from (select gen_random_uuid() as id, n from generate_series(1, 3000) as n) as g;

-- Levels 1 to 6: a reply picks its parent on the level above by hash of its number.
\set level 1
\set count 12000
\ir comment_level.sql
\set level 2
\set count 8000
\ir comment_level.sql
\set level 3
\set count 4000
\ir comment_level.sql
\set level 4
\set count 2000
\ir comment_level.sql
\set level 5
\set count 700
\ir comment_level.sql
\set level 6
\set count 300
\ir comment_level.sql

update comment set status = 'deleted', author_name = '', body_text = '', body_html = ''
where article_id = :'article_id' and random() < 0.01;

-- Approved comments below each comment, and on the article: what the service maintains on every change.
update comment c set reply_count = s.replies
from (select a.id, count(*) as replies
      from comment d cross join lateral unnest(d.path[1:d.depth]) as a(id)
      where d.article_id = :'article_id' and d.status = 'approved'
      group by a.id) as s
where c.id = s.id;
update article set comment_count = (select count(*) from comment where article_id = :'article_id' and status = 'approved')
where id = :'article_id';
commit;
vacuum (analyze) comment;
select count(*) from comment where article_id = :'article_id';
\endif

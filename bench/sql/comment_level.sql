-- One level of the comment seed (see comments.sql): :count replies to comments at depth :level - 1.
with parents as materialized (
    select id, root_id, path, created_at, row_number() over (order by id) - 1 as rn
    from comment where article_id = :'article_id' and depth = :level - 1
),
replies as materialized (
    select gen_random_uuid() as id, n,
           ((n::bigint * 2654435761) % 4294967296) % (select count(*) from parents) as parent_rn
    from generate_series(1, :count) as n
)
insert into comment (id, article_id, parent_id, root_id, depth, path, status, author_name, body_text, body_html,
                     edit_token_hash, created_at)
select r.id, :'article_id', p.id, p.root_id, :level, p.path || r.id, 'approved', 'Reader ' || r.n,
       'Reply ' || r.n || ' at depth ' || :level, '<p>Reply ' || r.n || ' at depth ' || :level || '</p>',
       sha256((:level * 100000 + r.n)::text::bytea), p.created_at + r.n * interval '1 second'
from replies r
join parents p on p.rn = r.parent_rn;

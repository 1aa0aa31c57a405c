-- Benchmark seed, step 2 of 3: articles number :lo to :hi (psql variables), in one statement.
-- bench/run.sh calls this once per chunk so that progress is visible. Prints how many articles were
-- inserted (a slug that is already taken is skipped, never overwritten).
--
-- Each article gets: a uuid, a unique slug (headline words + '-' + its number), status mostly
-- 'published' (95%; 4% draft, 0.5% scheduled, 0.5% withdrawn), published_at spread over the last
-- three years, one of 12 sections, 1-5 tags out of 300, a body of 3-8 paragraphs from the pool
-- (85% of them from the article's own section, the rest from any),
-- body_html = the same paragraphs in <p>, word_count = words in body_text. Its slug also goes into
-- article_slug, and about 30% of articles cite 1-3 sources. The generated column `search` is left
-- to PostgreSQL.
--
-- Every random choice is made in a MATERIALIZED CTE or in a LATERAL subquery that refers to the row
-- it belongs to: that makes PostgreSQL draw a fresh value per row instead of computing it once.

\set ON_ERROR_STOP on

-- Lists as constants (the planner folds string_to_array('...') once, so indexing them is cheap).
select array_to_string(words, ' ') as function_words from bench_seed.vocab where name = 'function' \gset
select array_to_string(words, ' ') as general_words from bench_seed.vocab where name = 'general' \gset
select array_agg(words order by idx)::text as topic_words from bench_seed.topic \gset
select array_to_string(array_agg(section order by idx), ' ') as sections from bench_seed.topic \gset
select array_to_string(words, ' ') as tags from bench_seed.vocab where name = 'tag' \gset
select array_to_string(words, '|') as bylines from bench_seed.vocab where name = 'byline' \gset
select array_to_string(words, '|') as datelines from bench_seed.vocab where name = 'dateline' \gset
select array_to_string(words, '|') as reasons from bench_seed.vocab where name = 'withdrawal' \gset
select array_to_string(array_agg(id order by id), ' ') as source_ids from source \gset

with g as materialized (
    select n,
           random() as r_status,
           now() - random() * interval '3 years' as past,   -- when a published story went out
           random() as r1, random() as r2, random() as r3
    from generate_series(:lo, :hi) as n
),
a as materialized (
    select n, status,
           case status when 'draft' then null
                       when 'scheduled' then now() + r1 * interval '14 days'
                       else past end as published_at,
           case status when 'draft' then now() - r1 * interval '90 days'
                       when 'scheduled' then now() - r2 * interval '7 days'
                       else past - r2 * interval '2 days' end as created_at,
           case when status = 'withdrawn' then least(now(), past + r1 * interval '30 days') end as withdrawn_at,
           r3,
           -- Section 1 (world) is the most common, section 12 the least.
           1 + floor(power(random(), 1.4) * 12)::int as topic,
           5 + floor(random() * 7)::int as headline_len,
           14 + floor(random() * 15)::int as standfirst_len,
           3 + floor(random() * 6)::int as paragraph_count,
           1 + floor(random() * 5)::int as tag_count
    from (select *, case when r_status < 0.95 then 'published'
                         when r_status < 0.99 then 'draft'
                         when r_status < 0.995 then 'scheduled'
                         else 'withdrawn' end as status
          from g) as s
),
ins as (
    insert into article (id, slug, headline, standfirst, body_html, body_text, byline, dateline,
                         section, tags, language, status, published_at, withdrawn_at,
                         withdrawal_reason, source_id, comments_open, comment_count, word_count,
                         created_at, updated_at, version)
    select gen_random_uuid(),
           h.slug,
           h.headline,
           sf.text,
           b.body_html,
           b.body_text,
           case when random() < 0.85
                then (string_to_array(:'bylines', '|'))[1 + floor(random() * array_length(string_to_array(:'bylines', '|'), 1))::int] end,
           case when random() < 0.6
                then (string_to_array(:'datelines', '|'))[1 + floor(random() * array_length(string_to_array(:'datelines', '|'), 1))::int] end,
           (string_to_array(:'sections', ' '))[a.topic],
           t.tags,
           case when random() < 0.97 then 'en' when random() < 0.7 then 'hi' else 'fr' end,
           a.status,
           a.published_at,
           a.withdrawn_at,
           case when a.status = 'withdrawn'
                then (string_to_array(:'reasons', '|'))[1 + floor(random() * array_length(string_to_array(:'reasons', '|'), 1))::int] end,
           case when random() < 0.4
                then (string_to_array(:'source_ids', ' ')::bigint[])[1 + floor(random() * array_length(string_to_array(:'source_ids', ' '), 1))::int] end,
           random() < 0.85,
           0,  -- comment_count: no comment rows exist behind these articles, and the count must match the rows
           b.word_count,
           a.created_at,
           case a.status
                -- A quarter of the published stories were edited up to three days after going out.
                when 'published' then case when a.r3 < 0.25
                                           then least(now(), a.published_at + a.r3 * 4 * interval '3 days')
                                           else a.published_at end
                when 'withdrawn' then a.withdrawn_at
                when 'scheduled' then a.created_at
                else a.created_at + a.r3 * (now() - a.created_at) end,
           0
    from a
    cross join lateral (
        -- Headline: content words only, 60% from the section's topic; the slug is its first six
        -- words plus the row number.
        select upper(left(array_to_string(w, ' '), 1)) || substr(array_to_string(w, ' '), 2) as headline,
               lower(array_to_string(w[1:6], '-')) || '-' || a.n as slug
        from (select array_agg(case when random() < 0.4
                                    then (string_to_array(:'general_words', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'general_words', ' '), 1))::int]
                                    else (:'topic_words'::text[])[a.topic][1 + floor(power(random(), 1.5) * 25)::int]
                               end order by i) as w   -- "order by i" keeps the aggregate at this level
              from generate_series(1, a.headline_len) as i) as hw
    ) as h
    cross join lateral (
        -- Standfirst: one sentence, mixed like the pool's sentences (function word never last).
        select upper(left(s, 1)) || substr(s, 2) || '.' as text
        from (select string_agg(
                         case when i < a.standfirst_len and random() < 0.35
                              then (string_to_array(:'function_words', ' '))[1 + floor(power(random(), 1.5) * array_length(string_to_array(:'function_words', ' '), 1))::int]
                              when random() < 0.5
                              then (string_to_array(:'general_words', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'general_words', ' '), 1))::int]
                              else (:'topic_words'::text[])[a.topic][1 + floor(power(random(), 1.5) * 25)::int]
                         end, ' ' order by i) as s
              from generate_series(1, a.standfirst_len) as i) as sw
    ) as sf
    cross join lateral (
        select string_agg(p.text, E'\n\n' order by k.i) as body_text,
               string_agg('<p>' || p.text || '</p>', E'\n' order by k.i) as body_html,
               sum(p.wc)::int as word_count
        -- The pool holds 2000 paragraphs per topic: ids (topic - 1) * 2000 + 1 .. topic * 2000.
        from (select i, (case when random() < 0.85 then a.topic else 1 + floor(random() * 12)::int end - 1) * 2000
                        + 1 + floor(random() * 2000)::int as pid
              from generate_series(1, a.paragraph_count) as i) as k
        cross join lateral (select text, wc from bench_seed.paragraph where id = k.pid) as p
    ) as b
    cross join lateral (
        select array_agg(distinct tag) as tags
        from (select (string_to_array(:'tags', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'tags', ' '), 1))::int] as tag
              from generate_series(1, a.tag_count)) as tw
    ) as t
    -- Slugs of deleted articles stay reserved in article_slug; never reuse one.
    where not exists (select 1 from article_slug s where s.slug = h.slug)
    on conflict (slug) do nothing
    returning id, slug, created_at
),
slugs as (
    insert into article_slug (slug, article_id, created_at)
    select slug, id, created_at from ins
),
cited as (
    -- About 30% of the articles cite 1-3 distinct sources, positions 0, 1, 2 in the editor's order.
    insert into article_cited_source (article_id, position, source_id, role, note, url)
    select c.id, s.position, s.source_id,
           (array['cited', 'cited', 'quoted', 'quoted', 'photo', 'video', 'supplied', 'other'])[1 + floor(random() * 8)::int],
           case when random() < 0.1 then 'Additional reporting' end,
           case when random() < 0.5 then (select homepage_url from source where id = s.source_id)
                                         || '/story/' || floor(random() * 1000000)::int end
    from (select id, 1 + floor(random() * 3)::int as k from ins where random() < 0.3) as c
    cross join lateral (
        select (row_number() over () - 1)::int as position, source_id
        from (select source_id from unnest(string_to_array(:'source_ids', ' ')::bigint[]) as source_id
              order by random() limit c.k) as picked
    ) as s
)
select count(*) from ins;

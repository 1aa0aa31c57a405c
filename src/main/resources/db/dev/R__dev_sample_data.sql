-- Sample content for dev mode only (quarkus:dev adds db/dev to Flyway's locations), written for Byline.
-- Idempotent: rows that exist already are left alone, so edits made while developing survive a restart.

insert into source (slug, name, kind, homepage_url, aliases, default_attribution, copyright_holder, usage_terms,
                    syndicatable, created_at, updated_at)
values ('ani', 'Asian News International', 'wire-agency', 'https://www.aninews.in', '{ANI}', 'Based on ANI report',
        'Asian News International', 'Redistribution only by ANI subscribers.', false, now(), now()),
       ('byline-desk', 'Byline Newsroom', 'news-website', 'https://example.org', '{}', null,
        'Byline Newsroom', 'Free to republish with a link back.', true, now(), now()),
       ('tass', 'TASS', 'wire-agency', 'https://tass.com', '{"TASS Russian News Agency"}', 'According to TASS',
        'TASS', null, false, now(), now()),
       ('al-jazeera', 'Al Jazeera', 'broadcaster', 'https://www.aljazeera.com', '{"Al Jazeera English"}', null,
        'Al Jazeera Media Network', null, false, now(), now()),
       ('politico', 'Politico', 'news-website', 'https://www.politico.com', '{}', null, 'Politico', null, false, now(), now())
on conflict (slug) do nothing;

insert into article (id, slug, headline, standfirst, body_html, body_text, byline, dateline, section, tags, language,
                     status, published_at, source_id, attribution, canonical_url, word_count, created_at, updated_at)
values
  ('01900000-0000-7000-8000-000000000001', 'monsoon-arrives-early-in-kerala',
   'Monsoon arrives early in Kerala', 'Forecasters say the rains reached the coast four days ahead of the usual date.',
   '<p>The south-west monsoon reached the Kerala coast on Tuesday, four days earlier than its usual onset date, the weather office said.</p><p>Farmers welcomed the news, which comes after a hot and dry May across much of southern India.</p>',
   E'The south-west monsoon reached the Kerala coast on Tuesday, four days earlier than its usual onset date, the weather office said.\n\nFarmers welcomed the news, which comes after a hot and dry May across much of southern India.',
   'Staff reporter', 'Thiruvananthapuram', 'india', '{weather,monsoon,kerala}', 'en', 'published',
   now() - interval '3 days', (select id from source where slug = 'ani'), null, null, 48, now() - interval '3 days', now() - interval '3 days'),
  ('01900000-0000-7000-8000-000000000002', 'city-council-approves-new-cycle-lanes',
   'City council approves new cycle lanes', 'Twelve kilometres of protected lanes will be built over two years.',
   '<p>The council voted 31 to 9 in favour of the plan on Monday night.</p><p>Work on the first section is due to begin in spring.</p>',
   E'The council voted 31 to 9 in favour of the plan on Monday night.\n\nWork on the first section is due to begin in spring.',
   'Priya Raman', null, 'politics', '{transport,cycling,local-government}', 'en', 'published',
   now() - interval '2 days', (select id from source where slug = 'byline-desk'), null, null, 26, now() - interval '2 days', now() - interval '2 days'),
  ('01900000-0000-7000-8000-000000000003', 'grain-shipments-resume-after-talks',
   'Grain shipments resume after talks', 'Ships left port on Thursday under an arrangement reported by several outlets.',
   '<p>Cargo ships carrying grain left port on Thursday after negotiators agreed on inspections, according to reports.</p>',
   'Cargo ships carrying grain left port on Thursday after negotiators agreed on inspections, according to reports.',
   'Foreign desk', 'Istanbul', 'world', '{trade,shipping,agriculture}', 'en', 'published',
   now() - interval '1 day', (select id from source where slug = 'byline-desk'), null, null, 16, now() - interval '1 day', now() - interval '1 day'),
  ('01900000-0000-7000-8000-000000000004', 'draft-budget-explainer',
   'What the budget means for renters', 'A draft explainer, not yet published.',
   '<p>Draft text.</p>', 'Draft text.', 'Business desk', null, 'business', '{budget,housing}', 'en', 'draft',
   null, (select id from source where slug = 'byline-desk'), null, null, 2, now(), now())
on conflict (id) do nothing;

insert into article_slug (slug, article_id, created_at)
select slug, id, created_at from article
where id::text like '01900000-0000-7000-8000-00000000000%'
on conflict (slug) do nothing;

insert into article_cited_source (article_id, position, source_id, role, note, url)
select '01900000-0000-7000-8000-000000000003', p.position, s.id, p.role, p.note, null
from (values (0, 'tass', 'cited', 'Reported the departure times'),
             (1, 'al-jazeera', 'quoted', 'Interview with a port official'),
             (2, 'politico', 'cited', null)) as p(position, slug, role, note)
join source s on s.slug = p.slug
where exists (select 1 from article where id = '01900000-0000-7000-8000-000000000003')
on conflict (article_id, position) do nothing;

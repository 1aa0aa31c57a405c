-- Benchmark seed, step 1 of 3: sources, plus word lists and a pool of generated paragraphs that
-- articles.sql draws from. Run by bench/run.sh with psql; safe to run again (sources are upserted
-- by slug, the helper schema is rebuilt).
--
-- Helper data lives in the schema bench_seed, which finish.sql drops again. Nothing here touches
-- the service's own tables except `source`.

\set ON_ERROR_STOP on
set client_min_messages = warning;

drop schema if exists bench_seed cascade;
create schema bench_seed;

-- Word lists. Order matters: words are picked with a bias towards the front of each list
-- (index = n * random()^k), so earlier words are the common ones, as in real text.
create table bench_seed.vocab (name text primary key, words text[] not null);

insert into bench_seed.vocab (name, words)
select name, regexp_split_to_array(btrim(list, E' \n'), E'\\s+')
from (values
-- Function words: about a third of running text; never in headlines, never last in a sentence.
('function', $$
the of to and in a for on that is was with as at by from it said has have be are will its not but
an this their were after over about more who been had would also which up out than into could
when while amid before under between against during without since
$$),
-- General news words, used by every section. Headlines and slugs use only content words (these
-- and the topic words below).
('general', $$
government minister people year police court report officials country week city president state
public percent million billion plan policy figures record rise fall increase decline cuts delay
shortage crisis risk warning threat fears concerns pressure demand supply costs funding decision
announcement statement interview spokesperson critics supporters residents community citizens
survey analysis forecast estimate reform review proposal strategy leader council mayor region
district village town capital province national local month day months family families children
women men homes housing jobs workers company agency ministry department regulator inquiry
investigation evidence witness arrest charges prison fraud corruption protest rally violence crime
victims rescue emergency disaster damage recovery transport road traffic airport flights train
water food fuel weather tax budget spending debt welfare pension poverty charity aid
$$)) as v(name, list);

-- Sections with their topic words, exactly 25 each; sections from the most to the least common.
-- An article's paragraphs come mostly from its own section's topic, so a topic word such as "election" is
-- in roughly one article in seven, not in all of them. Proper nouns are capitalised (slugs
-- lower-case them).
create table bench_seed.topic (idx int primary key, section text not null unique, words text[] not null
                               check (cardinality(words) = 25));
insert into bench_seed.topic (idx, section, words)
select idx, section, regexp_split_to_array(btrim(list, E' \n'), E'\\s+')
from (values
(1, 'world', $$ diplomats embassy summit sanctions treaty alliance refugees border troops ceasefire
      conflict peace talks negotiations Europe Asia Africa America China Japan Brazil Brussels
      Geneva Nairobi humanitarian $$),
(2, 'politics', $$ election party vote voters campaign candidate opposition coalition parliament
      senate bill law constituency ballot manifesto polling referendum cabinet lawmakers debate
      majority speaker committee scandal resignation $$),
(3, 'business', $$ market bank prices economy growth inflation interest rates investors shares
      stocks profits losses revenue sales customers retail tariffs exports imports merger quarterly
      earnings shareholders startup $$),
(4, 'sport', $$ football cricket tennis match team players coach season league cup final
      tournament goal victory defeat champion title medal stadium fans transfer injury rugby wicket
      striker $$),
(5, 'opinion', $$ argument readers columnist truth fairness courage hypocrisy consensus nonsense
      lesson mistake promise future generation values trust outrage compromise duty principle
      honesty dignity ambition responsibility progress $$),
(6, 'technology', $$ software internet phone users data privacy hackers cyber cloud chips
      semiconductor algorithm intelligence app platform online social media video streaming
      smartphone robots encryption browser broadband $$),
(7, 'health', $$ hospital doctors patients vaccine nurses disease virus infection outbreak
      treatment drug therapy surgery cancer obesity diet exercise sleep clinic pandemic symptoms
      diagnosis prescription ambulance wellbeing $$),
(8, 'culture', $$ film music festival album artist museum exhibition theatre novel author book
      award prize television audience concert gallery heritage painting director actor orchestra
      poetry dance cinema $$),
(9, 'science', $$ research scientists study space rocket satellite launch mission moon telescope
      planet physics biology genetics brain discovery archaeologists ancient fossil laboratory
      experiment particle galaxy species evolution $$),
(10, 'environment', $$ climate emissions carbon pollution plastic wildlife flood drought storm
      heatwave wildfire glacier ocean reef biodiversity conservation recycling waste sewage solar
      wind nuclear energy electricity forest $$),
(11, 'india', $$ India Delhi Mumbai Kolkata Chennai Bengaluru Hyderabad Pune Kerala Punjab Assam
      Gujarat Bihar monsoon rupee panchayat railway crore lakh cyclone farmers harvest crops
      Rajasthan Odisha $$),
(12, 'education', $$ school students university teachers classroom exam results pupils curriculum
      graduates degree tuition campus scholarship lecturers admissions syllabus literacy
      kindergarten headteacher homework grades college apprenticeship vocational $$)
) as t(idx, section, list);

-- Made-up tags: 20 qualifiers x 15 topics = 300 slug-style tags such as "coastal-housing".
insert into bench_seed.vocab (name, words)
select 'tag', array_agg(q || '-' || t order by qi, ti)
from unnest(array['local', 'global', 'urban', 'rural', 'coastal', 'digital', 'green', 'public',
                  'youth', 'northern', 'southern', 'eastern', 'western', 'national', 'regional',
                  'future', 'hidden', 'open', 'smart', 'community']) with ordinality as a(q, qi)
cross join unnest(array['housing', 'transport', 'energy', 'water', 'health', 'schools', 'jobs',
                        'trade', 'policing', 'farming', 'tourism', 'tech', 'arts', 'football',
                        'cricket']) with ordinality as b(t, ti);

insert into bench_seed.vocab (name, words) values
('byline', array(select f || ' ' || l
                 from unnest(array['Asha', 'Tom', 'Priya', 'Daniel', 'Mei', 'Kwame', 'Sofia',
                                   'Rahul', 'Ines', 'Oliver', 'Zara', 'Luca', 'Nadia', 'Sam',
                                   'Ananya', 'Felix', 'Grace', 'Arjun', 'Hana', 'Owen']) f
                 cross join unnest(array['Rao', 'Whitfield', 'Menon', 'Okafor', 'Lindqvist',
                                         'Castellano', 'Brennan', 'Iyer', 'Moreau', 'Hargreaves',
                                         'Tanaka', 'Mwangi', 'Kapoor', 'Delgado', 'Fischer']) l)),
('dateline', array['LONDON', 'NEW DELHI', 'MUMBAI', 'NAIROBI', 'WASHINGTON', 'BRUSSELS', 'TOKYO',
                   'SYDNEY', 'PARIS', 'BERLIN', 'LAGOS', 'TORONTO', 'KOLKATA', 'BENGALURU',
                   'CHENNAI', 'GENEVA', 'SINGAPORE', 'CAIRO', 'MEXICO CITY', 'SAO PAULO']),
('withdrawal', array['Legal advice', 'Factual errors that could not be corrected',
                     'Published in error', 'Rights to the material were withdrawn']);

-- About 40 made-up sources of every kind. Upserted by slug so a second run changes nothing.
insert into source (slug, name, kind, homepage_url, aliases, default_attribution, copyright_holder,
                    usage_terms, syndicatable, created_at, updated_at, version)
select slug, name, kind,
       'https://' || slug || '.example',
       array[upper(regexp_replace(name, '([A-Z])[a-z]*\s*', '\1', 'g'))],
       name,
       name || ' Ltd',
       case when syndicatable then 'May be republished with attribution.'
            else 'Do not republish; link only.' end,
       syndicatable,
       now() - interval '4 years', now() - interval '4 years', 0
from (values
    ('northwind-wire',        'Northwind Wire',             'wire-agency',     true),
    ('meridian-press',        'Meridian Press Agency',      'wire-agency',     true),
    ('global-newsline',       'Global Newsline',            'wire-agency',     true),
    ('asia-pacific-wire',     'Asia Pacific Wire',          'wire-agency',     true),
    ('continental-news-agency', 'Continental News Agency',  'wire-agency',     true),
    ('subcontinent-press-trust', 'Subcontinent Press Trust', 'wire-agency',    true),
    ('the-daily-lantern',     'The Daily Lantern',          'newspaper',       true),
    ('morning-courier',       'The Morning Courier',        'newspaper',       false),
    ('evening-standard-bearer', 'The Evening Standard-Bearer', 'newspaper',    true),
    ('harbour-gazette',       'Harbour Gazette',            'newspaper',       true),
    ('the-weekly-ledger',     'The Weekly Ledger',          'newspaper',       false),
    ('city-chronicle',        'City Chronicle',             'newspaper',       true),
    ('deccan-observer',       'Deccan Observer',            'newspaper',       true),
    ('northern-echo-post',    'Northern Echo Post',         'newspaper',       true),
    ('the-financial-tide',    'The Financial Tide',         'newspaper',       false),
    ('valley-times',          'Valley Times',               'newspaper',       true),
    ('public-broadcasting-union', 'Public Broadcasting Union', 'broadcaster',  true),
    ('channel-nine-news',     'Channel Nine News',          'broadcaster',     false),
    ('radio-horizon',         'Radio Horizon',              'broadcaster',     true),
    ('metro-tv',              'Metro TV',                   'broadcaster',     true),
    ('world-service-radio',   'World Service Radio',        'broadcaster',     true),
    ('sunrise-24',            'Sunrise 24',                 'broadcaster',     false),
    ('coastline-fm',          'Coastline FM',               'broadcaster',     true),
    ('the-signal',            'The Signal',                 'news-website',    true),
    ('factline',              'Factline',                   'news-website',    true),
    ('open-desk',             'Open Desk',                  'news-website',    true),
    ('the-briefing-room',     'The Briefing Room',          'news-website',    true),
    ('civic-data-journal',    'Civic Data Journal',         'news-website',    true),
    ('tech-ledger',           'Tech Ledger',                'news-website',    false),
    ('greenwatch',            'Greenwatch',                 'news-website',    true),
    ('scoreline',             'Scoreline',                  'news-website',    true),
    ('chatter',               'Chatter',                    'social-platform', false),
    ('pictogram',             'Pictogram',                  'social-platform', false),
    ('clipstream',            'Clipstream',                 'social-platform', false),
    ('ministry-of-information', 'Ministry of Information',  'government',      true),
    ('national-statistics-office', 'National Statistics Office', 'government', true),
    ('city-council-press-office', 'City Council Press Office', 'government',   true),
    ('meteorological-service', 'Meteorological Service',    'government',      true),
    ('university-research-news', 'University Research News', 'other',          true),
    ('community-contributors', 'Community Contributors',    'other',           false)
) as s(slug, name, kind, syndicatable)
on conflict (slug) do nothing;

-- Sentences, then paragraphs of 2-5 of them, 2000 paragraphs per section. Articles are built from
-- this pool, which keeps seeding fast: 100 000 articles need ~600 000 paragraph look-ups instead
-- of ~30 million random word picks. The lists are inlined as constants (\gset), so that each pick
-- is a cheap array index; topic_words is a 12 x 25 array.
select array_to_string(words, ' ') as function_words from bench_seed.vocab where name = 'function' \gset
select array_to_string(words, ' ') as general_words from bench_seed.vocab where name = 'general' \gset
select array_agg(words order by idx)::text as topic_words from bench_seed.topic \gset

-- A sentence of topic t: 35% function words (never the last word), the rest half general words,
-- half the topic's own words.
create unlogged table bench_seed.sentence (id int primary key, topic int not null, text text not null,
                                           wc int not null);
insert into bench_seed.sentence (id, topic, text, wc)
select s.id, s.topic, upper(left(w.text, 1)) || substr(w.text, 2) || '.', s.len
from (select id, 1 + (id - 1) / 5000 as topic, 7 + floor(random() * 18)::int as len
      from generate_series(1, 60000) as id) as s
cross join lateral (
    select string_agg(
               case when i < s.len and random() < 0.35
                    then (string_to_array(:'function_words', ' '))[1 + floor(power(random(), 1.5) * array_length(string_to_array(:'function_words', ' '), 1))::int]
                    when random() < 0.5
                    then (string_to_array(:'general_words', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'general_words', ' '), 1))::int]
                    else (:'topic_words'::text[])[s.topic][1 + floor(power(random(), 1.5) * 25)::int]
               end, ' ' order by i) as text
    from generate_series(1, s.len) as i
) as w;

create unlogged table bench_seed.paragraph (id int primary key, topic int not null, text text not null,
                                            wc int not null);
insert into bench_seed.paragraph (id, topic, text, wc)
select p.id, p.topic, string_agg(s.text, ' ' order by k.i), sum(s.wc)
from (select id, 1 + (id - 1) / 2000 as topic, 2 + floor(random() * 4)::int as n
      from generate_series(1, 24000) as id) as p
cross join lateral (select i, (p.topic - 1) * 5000 + 1 + floor(random() * 5000)::int as sid
                    from generate_series(1, p.n) as i) as k
cross join lateral (select text, wc from bench_seed.sentence where id = k.sid) as s
group by p.id, p.topic;

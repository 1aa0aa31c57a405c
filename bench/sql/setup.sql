-- Benchmark seed, step 1 of 3: sources, plus word lists and a pool of generated paragraphs that
-- articles.sql draws from. Run by bench/run.sh with psql; safe to run again (sources are upserted
-- by slug, the helper schema is rebuilt).
--
-- Helper data lives in the schema bench_seed, which finish.sql drops again. Nothing here touches
-- the service's own tables except `source`.

\set ON_ERROR_STOP on

drop schema if exists bench_seed cascade;
create schema bench_seed;

-- Word lists. Order matters: the seed picks word i with a bias towards the front of each list
-- (index = n * random()^2), so the earlier words are the common ones, as in real text.
create table bench_seed.vocab (name text primary key, words text[] not null);

insert into bench_seed.vocab (name, words)
select name, regexp_split_to_array(btrim(list, E' \n'), E'\\s+')
from (values
-- Function words: about a third of running text, never in headlines.
('function', $$
the of to and in a for on that is was with as at by from it said has have be are will its not but
an this their were after over about more who been had would also which up out than into could
when while amid before under between against during without since
$$),
-- Content words, roughly most to least common. Headlines and slugs use only these; proper nouns
-- are capitalised (slugs lower-case them).
('content', $$
government minister people year police court report officials country week city president state
public health election party percent million billion market company bank prices economy growth
workers union strike energy power climate water school students university hospital doctors
patients research scientists study data technology security military border war peace talks deal
agreement trade budget tax spending debt inflation interest rates housing homes families children
women judge trial lawyer case ruling appeal law bill parliament vote voters campaign candidate
leader opposition coalition council mayor region district village town capital province river
coast island flood drought storm heatwave wildfire earthquake rain weather emissions carbon
pollution plastic wildlife species farmers crops harvest food fuel oil gas electricity solar wind
nuclear grid battery cars electric transport airport flights airline passengers train railway
station road traffic bridge port shipping investors shares stocks profits losses revenue sales
customers retail shops jobs unemployment wages pension benefits welfare poverty charity aid
refugees migrants asylum visa immigration embassy diplomats summit sanctions ministry department
agency regulator watchdog inquiry investigation evidence witness arrest suspect charges prison
sentence fraud corruption scandal resignation protest protesters rally march violence shooting
crime murder victims survivors rescue firefighters ambulance emergency disaster damage recovery
reconstruction funding grant plan strategy policy reform review proposal decision announcement
statement interview spokesperson critics supporters residents community neighbours citizens
population census survey poll analysis forecast estimate figures record rise fall increase
decline surge drop boost cuts delay shortage crisis risk warning threat fears concerns pressure
demand supply costs bills football cricket tennis match team players coach season league cup
final tournament goal victory defeat champion title medal stadium fans club transfer contract
injury film music festival album artist museum exhibition theatre novel author book award prize
series television streaming audience concert gallery heritage history archaeologists ancient
discovery space rocket satellite launch mission moon telescope planet physics biology genetics
brain cancer disease virus infection outbreak treatment drug therapy surgery nurses care obesity
diet exercise sleep teachers classroom exam results pupils curriculum graduates degree tuition
campus science innovation startup founders platform app intelligence algorithm chips cloud cyber
hackers privacy online social media content video newspaper journalists editor broadcaster press
freedom rights constitution treaty alliance monsoon cyclone glacier ocean reef biodiversity
conservation recycling waste sewage infrastructure construction developers property mortgage
landlords tenants eviction homelessness officers patrol smuggling tourism tourists hotel
restaurant chef recipe fashion design architecture garden parks cycling marathon swimming
athletics rugby hockey boxing chess referee umpire wicket innings striker midfielder keeper
India Europe Asia Africa America China Britain France Germany Japan Brazil Australia Canada
Delhi Mumbai London Washington Beijing Brussels Paris Berlin Tokyo Nairobi Lagos Sydney Toronto
Kolkata Chennai Bengaluru Hyderabad Pune Kerala Punjab Assam
$$)) as v(name, list);

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
('section', array['world', 'politics', 'business', 'sport', 'opinion', 'technology', 'health',
                  'culture', 'science', 'environment', 'india', 'education']),
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

-- Sentences, then paragraphs of 2-5 of them. Articles are built from paragraphs of this pool, which
-- keeps seeding fast: 100 000 articles need ~600 000 paragraph look-ups instead of ~30 million
-- random word picks. The words are inlined as constants (\gset) so each pick is a cheap array index.
select array_to_string(words, ' ') as function_words from bench_seed.vocab where name = 'function' \gset
select array_to_string(words, ' ') as content_words from bench_seed.vocab where name = 'content' \gset

create unlogged table bench_seed.sentence (id int primary key, text text not null, wc int not null);
insert into bench_seed.sentence (id, text, wc)
select s.id, upper(left(w.text, 1)) || substr(w.text, 2) || '.', s.len
from (select id, 7 + floor(random() * 18)::int as len from generate_series(1, 60000) id) s
cross join lateral (
    select string_agg(case when random() < 0.35
                           then (string_to_array(:'function_words', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'function_words', ' '), 1))::int]
                           else (string_to_array(:'content_words', ' '))[1 + floor(power(random(), 2) * array_length(string_to_array(:'content_words', ' '), 1))::int]
                      end, ' ') as text
    from generate_series(1, s.len)
) w;

create unlogged table bench_seed.paragraph (id int primary key, text text not null, wc int not null);
insert into bench_seed.paragraph (id, text, wc)
select p.id, string_agg(s.text, ' ' order by k.i), sum(s.wc)
from (select id, 2 + floor(random() * 4)::int as n from generate_series(1, 20000) id) p
cross join lateral (select i, 1 + floor(random() * 60000)::int as sid from generate_series(1, p.n) i) k
cross join lateral (select text, wc from bench_seed.sentence where id = k.sid) s
group by p.id;

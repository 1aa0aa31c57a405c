-- Sources: who originates or is cited by a story, with the rights that apply by default.
create table source (
    id                  bigint generated always as identity primary key,
    slug                text        not null unique,
    name                text        not null,
    kind                text        not null check (kind in ('wire-agency', 'newspaper', 'broadcaster', 'news-website',
                                                             'social-platform', 'government', 'other')),
    homepage_url        text,
    aliases             text[]      not null default '{}',
    default_attribution text,
    copyright_holder    text,
    usage_terms         text,
    syndicatable        boolean     not null default true,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0
);

-- Articles. Rights and attribution columns are overrides of the source's defaults (null = inherit).
create table article (
    id                 uuid        primary key,
    slug               text        not null unique,
    headline           text        not null,
    standfirst         text,
    body_html          text        not null default '',
    body_text          text        not null default '',
    byline             text,
    dateline           text,
    section            text,
    tags               text[]      not null default '{}',
    language           text        not null default 'en',
    status             text        not null check (status in ('draft', 'scheduled', 'published', 'withdrawn')),
    published_at       timestamptz,
    withdrawn_at       timestamptz,
    withdrawal_reason  text,
    source_id          bigint      references source (id) on delete restrict,
    attribution        text,
    copyright_holder   text,
    usage_terms        text,
    syndicatable       boolean,
    canonical_url      text,
    comments_open      boolean     not null default true,
    comment_count      integer     not null default 0 check (comment_count >= 0),
    word_count         integer     not null default 0,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint      not null default 0,
    -- Full-text search: headline weighted above standfirst above body (GET /articles?q=, sort=relevance).
    search             tsvector generated always as (
                           setweight(to_tsvector('english', headline), 'A') ||
                           setweight(to_tsvector('english', coalesce(standfirst, '')), 'B') ||
                           setweight(to_tsvector('english', body_text), 'C')) stored,
    constraint article_scheduled_has_time check (status not in ('scheduled', 'published') or published_at is not null)
);

-- "Visible to the public" everywhere below means: status in ('published', 'scheduled') and published_at <= now().
-- A scheduled article becomes public when its time passes, without anybody calling again.

-- GET /articles (sort=newest|oldest, from/to): keyset on (published_at, id) over visible rows.
create index article_public_published_idx on article (published_at desc, id desc)
    where status in ('published', 'scheduled');
-- GET /articles?sort=updated and ?updatedSince=: keyset on (updated_at, id).
create index article_public_updated_idx on article (updated_at desc, id desc)
    where status in ('published', 'scheduled');
-- GET /articles?section=: section first, then the newest-first keyset.
create index article_public_section_idx on article (section, published_at desc, id desc)
    where status in ('published', 'scheduled');
-- GET /articles?source=: and the "is this source still used" check before deleting a source.
create index article_source_idx on article (source_id, published_at desc, id desc);
-- GET /articles?tag=a&tag=b: tags @> array[...].
create index article_tags_idx on article using gin (tags);
-- GET /articles?q=: search @@ websearch_to_tsquery('english', q).
create index article_search_idx on article using gin (search);
-- GET /articles?status= for editors: drafts and scheduled by last change.
create index article_status_updated_idx on article (status, updated_at desc, id desc);

-- Other outlets a story cites, quotes or takes material from, in the order the editor gave.
create table article_cited_source (
    id         bigint generated always as identity primary key,
    article_id uuid    not null references article (id) on delete cascade,
    position   integer not null,
    source_id  bigint  not null references source (id) on delete restrict,
    role       text    not null check (role in ('cited', 'quoted', 'photo', 'video', 'supplied', 'other')),
    note       text,
    url        text,
    unique (article_id, position)
);
-- Deleting a source checks whether any article cites it.
create index article_cited_source_source_idx on article_cited_source (source_id);

-- Corrections are appended, never edited.
create table article_correction (
    id         bigint generated always as identity primary key,
    article_id uuid        not null references article (id) on delete cascade,
    text       text        not null,
    created_at timestamptz not null
);
create index article_correction_article_idx on article_correction (article_id, created_at);

-- Every slug an article has had, current or old, so old links answer 301 and are never reused.
-- No foreign key: the slugs of a deleted article stay reserved and resolve to its tombstone.
create table article_slug (
    slug       text        primary key,
    article_id uuid        not null,
    created_at timestamptz not null
);
create index article_slug_article_idx on article_slug (article_id);

-- What remains of a deleted article: GET answers 410 Gone, and mirrors learn of the deletion.
create table article_tombstone (
    id         uuid        primary key,
    slug       text        not null,
    deleted_at timestamptz not null
);

-- Secrets the service generates for itself on first start (the cursor signing key).
create table server_secret (
    name       text        primary key,
    value      bytea       not null,
    created_at timestamptz not null default now()
);

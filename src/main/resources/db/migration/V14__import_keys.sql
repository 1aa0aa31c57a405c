-- Wire copy imported through POST /api/v1/imports: the keys that recognise an item imported before, so that importing
-- it again answers with the article it became instead of making a copy. One article may carry several keys: the ninjs
-- uri or feed guid it arrived with (and any other under which the same text arrived later), and the hash of the text
-- of each version imported. Nothing here changes what readers see, so no NOTIFY trigger watches this table.
create table import_key (
    id          bigint      generated always as identity primary key,
    -- 'origin': the ninjs uri, RSS guid (or link when there is no guid) or Atom id, exactly as sent.
    -- 'text':   hex SHA-256 of the headline and body, lowercased, with every run of spaces and punctuation made one space.
    kind        text        not null check (kind in ('origin', 'text')),
    value       text        not null,
    article_id  uuid        not null references article (id) on delete cascade,
    form        text        not null check (form in ('text', 'ninjs', 'rss', 'atom')),
    -- Origin keys only: the provider's version of the item last imported (ninjs version) and its time (ninjs
    -- versionCreated, Atom updated, RSS pubDate), which decide whether an item sent again is newer.
    version     text,
    version_at  timestamptz,
    imported_at timestamptz not null,
    updated_at  timestamptz not null
);

-- ImportKey.findMatches: "where (kind = 'origin' and value = ?) or (kind = 'text' and value = ?)", an index probe per
-- key. Being unique, it is also what refuses the second copy when two imports of one item race.
create unique index import_key_kind_value_idx on import_key (kind, value);
-- Deleting an article deletes its keys (the cascade looks them up by article), so a deleted story can be imported again.
create index import_key_article_idx on import_key (article_id);

-- Comment threads: readers discuss articles, moderators keep the discussion civil.

-- Per-article moderation mode; null means the configured default (byline.comments.moderation).
alter table article add column comment_moderation text check (comment_moderation in ('pre', 'post'));

-- One comment. Threads are stored as a materialised path: path is the ids from the top-level comment down to
-- this one, so ordering by it gives depth-first thread order, and root_id groups a whole thread.
create table comment (
    id                     uuid        primary key,
    article_id             uuid        not null references article (id) on delete cascade,
    parent_id              uuid        references comment (id),
    root_id                uuid        not null,
    depth                  smallint    not null check (depth >= 0),
    path                   uuid[]      not null,
    status                 text        not null check (status in ('pending', 'approved', 'rejected', 'spam', 'deleted')),
    -- Why a pending comment waits: pre-moderation, links, banned-words, reports; honeypot for silent spam.
    held_for               text,
    author_name            text        not null,
    -- Private: shown to moderators only, never in public responses.
    author_email           text,
    body_text              text        not null,
    body_html              text        not null,
    -- Approved comments below this one (all depths); a hidden comment with replies stays as a placeholder.
    reply_count            integer     not null default 0 check (reply_count >= 0),
    -- Reports from distinct reporters since the last moderation decision.
    report_count           integer     not null default 0 check (report_count >= 0),
    moderation_reason      text,
    moderated_at           timestamptz,
    -- SHA-256 of the edit token shown once to the author.
    edit_token_hash        bytea       not null,
    -- Keyed hash of the client address (never the address), for duplicate checks; forgotten after it expires.
    client_hash            bytea,
    client_hash_expires_at timestamptz,
    created_at             timestamptz not null,
    edited_at              timestamptz,
    -- What readers see: approved comments, and placeholders for hidden comments that still have approved replies.
    visible                boolean     generated always as (status = 'approved' or reply_count > 0) stored,
    constraint comment_root_has_no_parent check ((parent_id is null) = (depth = 0)),
    constraint comment_path_length check (cardinality(path) = depth + 1)
);

-- GET /articles/{id}/comments?sort=oldest|newest: keyset on (created_at, id) over visible top-level comments.
create index comment_roots_time_idx on comment (article_id, created_at, id)
    where parent_id is null and visible;
-- GET /articles/{id}/comments?sort=most-replies.
create index comment_roots_replies_idx on comment (article_id, reply_count desc, created_at desc, id desc)
    where parent_id is null and visible;
-- First N replies of each root (LEFT JOIN LATERAL) and GET /comments/{id}/replies: a path range within a thread.
create index comment_thread_idx on comment (root_id, path)
    where visible and depth > 0;
-- GET /moderation/comments?status=…: oldest first, optionally per article.
create index comment_queue_idx on comment (status, created_at, id) where status <> 'approved';
create index comment_queue_article_idx on comment (article_id, status, created_at, id) where status <> 'approved';
-- Duplicate checks look at the same client's recent comments; the purge forgets expired hashes.
create index comment_client_idx on comment (client_hash, created_at desc) where client_hash is not null;
create index comment_client_expiry_idx on comment (client_hash_expires_at) where client_hash is not null;
-- Deleting a parent never happens (deleted comments stay as rows), but the foreign key wants an index.
create index comment_parent_idx on comment (parent_id);

-- Reports by readers; one per reporter (a keyed hash of their address, or their key) and comment.
create table comment_report (
    comment_id    uuid        not null references comment (id) on delete cascade,
    reporter_hash bytea       not null,
    reason        text        not null,
    created_at    timestamptz not null,
    primary key (comment_id, reporter_hash)
);

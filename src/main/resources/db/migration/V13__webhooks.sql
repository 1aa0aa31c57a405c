-- Webhooks (dev.byline.webhook): a partner subscribes a URL to the change feed and Byline pushes every change to it,
-- signed per Standard Webhooks, in commit order, retried for at least a day. A subscription is a cursor into
-- article_change (position), so the queue is the change feed itself and survives restarts.

-- What a subscription may filter on, recorded with each change: the article's section and source at that moment.
-- Set by a trigger so that every writer of the feed (edits, source edits, the time rules) records them alike. A
-- deleted article's row is already gone when its change is recorded, so it keeps those of its last change.
alter table article_change
    add column section   text,
    add column source_id bigint;

create function byline_change_filters() returns trigger language plpgsql as $$
begin
    select a.section, a.source_id into new.section, new.source_id from article a where a.id = new.article_id;
    if not found then
        select c.section, c.source_id into new.section, new.source_id
        from article_change c where c.article_id = new.article_id order by c.seq desc limit 1;
    end if;
    return new;
end $$;

create trigger article_change_filters before insert on article_change
    for each row execute function byline_change_filters();

update article_change c set section = a.section, source_id = a.source_id from article a where a.id = c.article_id;

-- One subscription of one API key. Only what the key's holder set and the dispatcher's state live here; the signing
-- secret is encrypted (dev.byline.webhook.WebhookSecrets).
create table webhook_subscription (
    id              uuid        primary key,
    key_id          uuid        not null references api_key (id) on delete cascade,
    url             text        not null,
    description     text,
    -- Event types ('article.published', …), sections and source slugs; empty means every one.
    events          text[]      not null default '{}',
    sections        text[]      not null default '{}',
    sources         text[]      not null default '{}',
    -- Where the href of each event points: the API's address as the subscription was created.
    base_url        text        not null,
    secret          bytea       not null,
    status          text        not null check (status in ('active', 'paused')),
    paused_at       timestamptz,
    paused_reason   text,
    -- The seq of the last change handled (delivered, or skipped by the filters); the next event comes after it.
    position        bigint      not null,
    -- Failed attempts at the event after position, since the first of them; reset by a success or a resume.
    attempts        integer     not null default 0,
    failing_since   timestamptz,
    next_attempt_at timestamptz not null,
    -- The instance delivering it now, until when (WebhookQueue.claim); another instance takes over after that.
    claim_token     uuid,
    claimed_until   timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);
-- GET /api/v1/webhooks for a partner: its own subscriptions, newest first (keyset on id, a UUIDv7); also the count
-- against the per-key limit.
create index webhook_subscription_key_idx on webhook_subscription (key_id, id desc);
-- WebhookQueue.claim: active subscriptions whose next attempt is due.
create index webhook_subscription_due_idx on webhook_subscription (next_attempt_at) where status = 'active';

-- Every attempt to deliver an event, as the partner reads it in the delivery log.
create table webhook_delivery (
    id              bigint      generated always as identity primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    seq             bigint      not null,
    event_type      text        not null,
    article_id      uuid        not null,
    attempt         integer     not null,
    redelivery      boolean     not null,
    outcome         text        not null check (outcome in ('succeeded', 'failed')),
    status_code     integer,
    duration_ms     integer     not null,
    error           text,
    at              timestamptz not null
);
-- GET /api/v1/webhooks/{id}/deliveries: newest first, keyset on id.
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, id desc);
-- WebhookQueue.record: the number of this attempt at this event.
create index webhook_delivery_event_idx on webhook_delivery (subscription_id, seq);
-- WebhookQueue.prune: entries older than the retention.
create index webhook_delivery_at_idx on webhook_delivery (at);

-- Events a partner asked to have sent again (POST …/redeliver), sent once each before the next new event.
create table webhook_redelivery (
    id              bigint      generated always as identity primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    seq             bigint      not null,
    requested_at    timestamptz not null
);
-- WebhookQueue.claim and next: a subscription's oldest request.
create index webhook_redelivery_subscription_idx on webhook_redelivery (subscription_id, id);

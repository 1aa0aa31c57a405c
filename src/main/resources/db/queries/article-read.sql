-- One article for a reader (ArticleReader), in one statement: the rendition another read stored (V18), or else the
-- article, its source, its cited sources with theirs, its corrections and its other language versions (V15) to
-- render it from; and the rendition epoch, under which what is rendered from these rows may be stored.
-- Index probes only: article_slug's primary key, then article's, article_rendition's and source's; the subqueries
-- (article_cited_source's and article_correction's article indexes, article_translation_idx) and the long bodies
-- are only read when no stored rendition answers.
-- bench/ runs this exact text through pgbench as the database's ceiling for a cache-miss GET; keep the slug
-- parameter the only '?' and the lookup the last line (ArticleReader swaps it for a lookup by id), and the rendition
-- join on a line of its own (ArticleReader turns it off when the stored rendition is another renderer's).
select r.format, r.tag, r.length, r.valid_until, r.gzip, (select e.value from article_rendition_epoch e),
       a.id, a.slug, a.headline, a.standfirst,
       case when r.gzip is null then a.body_html end, case when r.gzip is null then a.body_text end,
       a.byline, a.dateline, a.section, a.tags,
       a.language, a.translation_of, a.status, a.published_at, a.withdrawn_at, a.withdrawal_reason, a.embargoed_until,
       a.expires_at, a.attribution, a.copyright_holder, a.usage_terms, a.syndicatable, a.canonical_url, a.comments_open,
       a.comment_count, a.word_count, a.created_at, a.updated_at, a.version,
       s.id, s.slug, s.name, s.kind, s.default_attribution, s.copyright_holder, s.usage_terms, s.syndicatable,
       case when r.gzip is null then
       (select json_agg(json_build_object('slug', cs.slug, 'name', cs.name, 'kind', cs.kind, 'syndicatable',
                        cs.syndicatable, 'role', c.role, 'note', c.note, 'url', c.url) order by c.position)
          from article_cited_source c join source cs on cs.id = c.source_id
         where c.article_id = a.id) end as cited,
       case when r.gzip is null then
       (select json_agg(json_build_object('id', k.id, 'text', k.text, 'createdAt', k.created_at)
                        order by k.created_at, k.id)
          from article_correction k
         where k.article_id = a.id) end as corrections,
       case when r.gzip is null then byline_article_translations(a.id, a.translation_of) end as translations
  from article a left join source s on s.id = a.source_id
  left join article_rendition r on r.article_id = a.id and (r.valid_until is null or r.valid_until > now())
 where a.id = (select sl.article_id from article_slug sl where sl.slug = ?)

-- One article for a reader (ArticleReader): the article, its source, its cited sources with theirs, its
-- corrections and its other language versions (V15), in one statement. Index probes only: article_slug's primary
-- key, then article's and source's, and article_translation_idx.
-- bench/ runs this exact text through pgbench as the database's ceiling for a cache-miss GET; keep the slug
-- parameter the only '?' and the lookup the last line (ArticleReader swaps it for a lookup by id).
select a.id, a.slug, a.headline, a.standfirst, a.body_html, a.body_text, a.byline, a.dateline, a.section, a.tags,
       a.language, a.translation_of, a.status, a.published_at, a.withdrawn_at, a.withdrawal_reason, a.embargoed_until,
       a.expires_at, a.attribution, a.copyright_holder, a.usage_terms, a.syndicatable, a.canonical_url, a.comments_open,
       a.comment_count, a.word_count, a.created_at, a.updated_at, a.version,
       s.id, s.slug, s.name, s.kind, s.default_attribution, s.copyright_holder, s.usage_terms, s.syndicatable,
       (select json_agg(json_build_object('slug', cs.slug, 'name', cs.name, 'kind', cs.kind, 'syndicatable',
                        cs.syndicatable, 'role', c.role, 'note', c.note, 'url', c.url) order by c.position)
          from article_cited_source c join source cs on cs.id = c.source_id
         where c.article_id = a.id) as cited,
       (select json_agg(json_build_object('id', r.id, 'text', r.text, 'createdAt', r.created_at)
                        order by r.created_at, r.id)
          from article_correction r
         where r.article_id = a.id) as corrections,
       byline_article_translations(a.id, a.translation_of) as translations
  from article a left join source s on s.id = a.source_id
 where a.id = (select sl.article_id from article_slug sl where sl.slug = ?)

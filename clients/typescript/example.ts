// A small front end for Byline written against types generated from openapi.yaml (see check.sh): it lists
// articles, reads one (as JSON and as ninjs), creates a draft with the contract's own example and edits it with
// If-Match. It is compiled with `tsc --strict`, never run by the check; call tour() from a page or Node 18+.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/byline";
import { createArticleRequest } from "./generated/examples";

type Article = components["schemas"]["Article"];
type ArticleSummary = components["schemas"]["ArticleSummary"];
type Problem = components["schemas"]["Problem"];

function fail(problem: Problem): never {
  throw new Error(`${problem.status} ${problem.title}: ${problem.detail ?? ""}`);
}

/** One line for a list: the headline and the attribution line the story must carry. */
export function line(summary: ArticleSummary): string {
  const origin = summary.source ? ` (${summary.source.name})` : "";
  return `${summary.headline}${origin}${summary.attribution ? ` - ${summary.attribution}` : ""}`;
}

export async function tour(baseUrl: string, editorKey: string): Promise<Article> {
  const client = createClient<paths>({ baseUrl });

  // Public reads: a page of the world section, then the first article in full.
  const list = await client.GET("/api/v1/articles", { params: { query: { section: "world", limit: 5 } } });
  if (list.error) fail(list.error);
  list.data.items.map(line).forEach((text) => console.log(text));
  const next: string | null = list.data.next;
  if (next !== null) console.log(`more with cursor=${next}`);

  const first = list.data.items[0];
  if (first) {
    const read = await client.GET("/api/v1/articles/{idOrSlug}", { params: { path: { idOrSlug: first.slug } } });
    if (read.error) fail(read.error);
    // One response type: the article itself, not a union with its ninjs representation.
    const article: Article = read.data;
    console.log(article.bodyHtml, article.citedSources.map((cited) => `${cited.role}: ${cited.source.name}`));
    console.log(`rights: ${article.rights.copyrightHolder ?? "none"}, syndicatable ${article.rights.syndicatable}`);

    const ninjs = await client.GET("/api/v1/articles/{idOrSlug}/ninjs", { params: { path: { idOrSlug: first.slug } } });
    if (ninjs.data) console.log(ninjs.data.pubStatus, ninjs.data.headlines?.[0]?.value);
  }

  // An editor creates a draft with the contract's example (commentsOpen left out: it defaults to open).
  const auth = { Authorization: `Bearer ${editorKey}` };
  const created = await client.POST("/api/v1/articles", { body: createArticleRequest, headers: auth });
  if (created.error) fail(created.error);
  const etag = created.response.headers.get("ETag");
  if (etag === null) throw new Error("a created article carries its ETag");

  // ...and edits it as a JSON merge patch: null clears a field, If-Match guards against lost updates.
  const edited = await client.PATCH("/api/v1/articles/{idOrSlug}", {
    params: { path: { idOrSlug: created.data.id }, header: { "If-Match": etag } },
    body: { standfirst: null, tags: ["trade", "shipping", "black-sea"] },
    headers: { ...auth, "Content-Type": "application/merge-patch+json" },
  });
  if (edited.error) fail(edited.error);
  return edited.data;
}

/**
 * Search over Chinese and Hungarian text without an extra server and without depending on the database
 * locale (the embedded Postgres runs with the C locale, where lower() folds ASCII only): the text is
 * normalised here — NFKC (full-width → half-width, composed accents) then Unicode lower case — both when
 * stored and when asked, and matched with LIKE '%term%'. Chinese has no spaces, so a substring match finds
 * a two-character word inside a sentence; accents are kept (á ≠ a in Hungarian: "kér" is not "ker").
 */
export const MAX_SEARCH_TERMS = 5;

export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What an article is searched by: its title, tags and body. */
export function articleSearchText(article: { title: string; tags: readonly string[]; body: string }): string {
  return normaliseSearchText([article.title, article.tags.join(' '), article.body].join('\n'));
}

/** The terms of a query: split on white space, each must occur; at most MAX_SEARCH_TERMS. */
export function searchTerms(query: string): string[] {
  return normaliseSearchText(query)
    .split(/\s+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_SEARCH_TERMS);
}

/*
 * Chinese query handling for Sphinx's searchtools.js; tools/sphinx_ext/search_zh.py cuts the index the
 * same way. Sphinx pastes this file into language_data.js, which the theme loads after searchtools.js.
 *
 * - splitQuery: a run of Han characters becomes its overlapping bigrams (one character stays itself),
 *   any other run of letters and digits one word, so "NVLink带宽" gives "NVLink" and "带宽".
 * - performTermsSearch: a page must hold every term; pages holding them all in their title come
 *   first, then pages where the query's longer substrings are words of the page (jieba's words of
 *   three or more characters are in the index), so whole-query matches rank above scattered parts.
 * - htmlToText: summaries come from the article, not from the theme's header inside role="main".
 */
"use strict";

const HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const HAN_RUN = new RegExp(`^[${HAN_CLASS}]+$`);
// The same tokens as Python's [HAN]+|[^\W HAN]+ : Han runs, and runs of other letters, digits and "_".
const TOKEN = new RegExp(`[${HAN_CLASS}]+|(?:(?![${HAN_CLASS}])[\\p{L}\\p{N}\\p{M}_])+`, "gu");
const JIEBA_MIN = 3;

const hanTerms = (run) => {
  if (run.length === 1) return [run];
  const terms = [];
  for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
  return terms;
};

var splitQuery = (query) => {
  const terms = [];
  for (const token of query.match(TOKEN) || []) {
    if (HAN_RUN.test(token)) terms.push(...hanTerms(token));
    else terms.push(token);
  }
  return terms;
};

// English stemming for Latin words only: a Chinese term is indexed as it is.
const EnglishStemmerClass = window.Stemmer;
window.Stemmer = function () {
  const english = new EnglishStemmerClass();
  this.stemWord = (word) => (HAN_RUN.test(word) ? word : english.stemWord(word));
};

if (typeof Search !== "undefined") {
  const files = (map, term) => {
    if (!Object.prototype.hasOwnProperty.call(map, term)) return [];
    const value = map[term];
    return Array.isArray(value) ? value : [value];
  };

  const originalParseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    Search._zhQuery = query;
    return originalParseQuery(query);
  };

  // Substrings of the query's Han runs that the index knows as words (three characters or more).
  const queryWords = (query, terms, titleTerms) => {
    const words = [];
    for (const token of query.match(TOKEN) || []) {
      if (!HAN_RUN.test(token) || token.length < JIEBA_MIN) continue;
      for (let size = token.length; size >= JIEBA_MIN; size--) {
        for (let i = 0; i + size <= token.length; i++) {
          const sub = token.slice(i, i + size);
          if (Object.prototype.hasOwnProperty.call(terms, sub) || Object.prototype.hasOwnProperty.call(titleTerms, sub))
            words.push({ word: sub, share: size / token.length });
        }
      }
    }
    return words;
  };

  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const index = Search._index;
    const { terms, titleterms: titleTerms, filenames, docnames: docNames, titles } = index;
    let candidates = null;
    const titleHits = new Map();
    for (const term of searchTerms) {
      const inTitle = files(titleTerms, term);
      let found = new Set([...files(terms, term), ...inTitle]);
      if (found.size === 0 && !HAN_RUN.test(term) && term.length > 2) {
        // Latin words also match as parts of longer words ("link" in "nvlink"), as Sphinx does.
        for (const map of [terms, titleTerms])
          for (const key of Object.keys(map)) if (key.includes(term)) files(map, key).forEach((f) => found.add(f));
      }
      inTitle.forEach((f) => titleHits.set(f, (titleHits.get(f) || 0) + 1));
      candidates = candidates === null ? found : new Set([...candidates].filter((f) => found.has(f)));
      if (candidates.size === 0) return [];
    }
    if (candidates === null) return [];
    for (const term of excludedTerms) {
      for (const f of [...files(terms, term), ...files(titleTerms, term)]) candidates.delete(f);
    }
    const words = queryWords(Search._zhQuery || "", terms, titleTerms);
    const results = [];
    for (const file of candidates) {
      let score = Scorer.term;
      if ((titleHits.get(file) || 0) === searchTerms.size) score += Scorer.title;
      let best = 0;
      for (const { word, share } of words) {
        if (files(terms, word).includes(file) || files(titleTerms, word).includes(file)) best = Math.max(best, share);
      }
      score += Math.round(best * Scorer.term);
      results.push([docNames[file], titles[file], "", null, score, filenames[file], SearchResultKind.text]);
    }
    return results;
  };

  const articleOf = (htmlString) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    for (const removal of [".headerlink", "script", "style", ".lesson-resources"])
      doc.querySelectorAll(removal).forEach((el) => el.remove());
    return doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
  };

  Search.htmlToText = (htmlString, anchor) => {
    const article = articleOf(htmlString);
    if (!article) return "";
    const block = anchor ? article.querySelector(anchor) : null;
    return (block || article).textContent.replace(/\s+/g, " ");
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const lower = text.toLowerCase();
    const wanted = [...(Search._zhQuery || "").toLowerCase().trim().split(/\s+/), ...keywords];
    const at = wanted.map((k) => (k ? lower.indexOf(k.toLowerCase()) : -1)).find((i) => i > -1) ?? 0;
    const start = Math.max(at - 60, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start > 0 ? "…" : "") + text.substr(start, 180).trim() + (start + 180 < text.length ? "…" : "");
    return summary;
  };
}

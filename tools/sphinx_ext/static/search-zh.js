/*
 * Chinese query handling for Sphinx's searchtools.js; tools/sphinx_ext/search_zh.py cuts the index the
 * same way. Sphinx pastes this file into language_data.js, which the theme loads after searchtools.js.
 *
 * - splitQuery: a run of Han characters becomes its overlapping bigrams (one character stays itself),
 *   any other run of letters and digits one word, so "NVLink带宽" gives "NVLink" and "带宽".
 * - performTermsSearch: a page must hold every term; pages whose title holds them come first.
 * - htmlToText, makeSearchSummary: summaries come from the article, not from the theme's header inside
 *   role="main"; when a result's page arrives, pages holding the whole query move above the others.
 */
// One block: its constants stay out of the page's global scope; splitQuery (a var) is global on purpose.
{
  const HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  const HAN_RUN = new RegExp(`^[${HAN_CLASS}]+$`);
  // The same tokens as Python's [HAN]+|[^\W HAN]+ : Han runs, and runs of other letters, digits and "_".
  const TOKEN = new RegExp(`[${HAN_CLASS}]+|(?:(?![${HAN_CLASS}])[\\p{L}\\p{N}\\p{M}_])+`, "gu");

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
      const parsed = originalParseQuery(query);
      // Highlight what was typed ("张量并行"), not its overlapping bigrams.
      const highlight = parsed[3];
      highlight.clear();
      for (const token of query.toLowerCase().match(TOKEN) || []) highlight.add(token);
      if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
        localStorage.setItem("sphinx_highlight_terms", [...highlight].join(" "));
      return parsed;
    };

    Search.performTermsSearch = (searchTerms, excludedTerms) => {
      const index = Search._index;
      const { terms, titleterms: titleTerms, filenames, docnames: docNames, titles } = index;
      let candidates = null;
      const titleHits = new Map();
      // One Latin letter is not indexed (as in Sphinx): "C 语言" searches for "语言".
      const required = [...searchTerms].filter((term) => HAN_RUN.test(term) || term.length > 1);
      for (const term of required) {
        const inTitle = files(titleTerms, term);
        const found = new Set([...files(terms, term), ...inTitle]);
        if (!HAN_RUN.test(term) && term.length > 2) {
          // Latin words also match inside longer words ("nvlink" in "nvlinkswitch").
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
      const results = [];
      // Title terms include section headings; a page whose own title holds every typed part whole
      // ranks above one whose sections merely mention it.
      const parts = queryParts();
      for (const file of candidates) {
        const pageTitle = (titles[file] || "").toLowerCase().replace(/\s+/g, "");
        const ownTitle = parts.length > 0 && parts.every((part) => pageTitle.includes(part));
        // Title matches first: the share of the query's terms that the page's headings hold.
        const score =
          Scorer.term +
          Math.round((Scorer.title * (titleHits.get(file) || 0)) / required.length) +
          (ownTitle ? Scorer.title : 0);
        results.push([docNames[file], titles[file], "", null, score, filenames[file], SearchResultKind.text]);
      }
      return results;
    };

    const articleOf = (htmlString) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      for (const removal of [".headerlink", "script", "style", ".aiinfra-resources"])
        doc.querySelectorAll(removal).forEach((el) => el.remove());
      return doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    };
    const textOf = (node) => (node ? node.textContent.replace(/\s+/g, " ") : "");

    Search.htmlToText = (htmlString, anchor) => {
      const article = articleOf(htmlString);
      if (!article) return "";
      const block = anchor ? article.querySelector(anchor) : null;
      return textOf(block || article);
    };

    const queryParts = () => (Search._zhQuery || "").toLowerCase().trim().split(/\s+/).filter((p) => p);

    // Pages whose text holds every typed part whole come first; the index only knows that a page holds
    // every bigram. Each summary is written when its page has been fetched, so the list is re-sorted then.
    const resort = (list) => {
      const rank = (li) => {
        const summary = li.querySelector("p.context");
        return summary && summary.dataset.whole === "no" ? 1 : 0;
      };
      const score = (li) => Number(li.querySelector("a")?.dataset.score || 0);
      const items = [...list.children];
      const sorted = [...items].sort((a, b) => rank(a) - rank(b) || score(b) - score(a));
      if (sorted.some((li, i) => li !== items[i])) sorted.forEach((li) => list.appendChild(li));
    };

    Search.makeSearchSummary = (htmlText, keywords, anchor) => {
      const article = articleOf(htmlText);
      if (!article) return null;
      // Spaces do not count: a reader typing "NVLink带宽" means the "NVLink 带宽" that lessons write.
      const whole = textOf(article).toLowerCase().replace(/\s+/g, "");
      const block = (anchor && article.querySelector(anchor)) || article;
      block.querySelectorAll("h1").forEach((h1) => h1.remove()); // the title is the result's link already
      const text = textOf(block).trim();
      const lower = text.toLowerCase();
      const wanted = [...queryParts(), ...keywords];
      const at = wanted.map((k) => (k ? lower.indexOf(k.toLowerCase()) : -1)).find((i) => i > -1) ?? 0;
      const start = Math.max(at - 60, 0);
      const summary = document.createElement("p");
      summary.classList.add("context");
      summary.dataset.whole = queryParts().every((part) => whole.includes(part)) ? "yes" : "no";
      const tail = start + 180 < text.length ? "…" : "";
      summary.textContent = (start > 0 ? "…" : "") + text.substr(start, 180).trim() + tail;
      queueMicrotask(() => {
        const list = summary.parentElement?.parentElement;
        if (list) resort(list);
      });
      return summary;
    };
  }
}

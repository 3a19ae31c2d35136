// Loads the site's search index (searchindex.js) the first time a reader reaches for search,
// instead of on every page (tools/sphinx_ext/search_zh.py). A query typed before the index has
// arrived waits for it: Sphinx's Search.performSearch defers it until Search.setIndex runs.
(() => {
  const source = document.currentScript?.dataset.index;
  if (!source) return;
  let requested = false;
  const load = () => {
    if (requested) return;
    requested = true;
    const script = document.createElement("script");
    script.src = source;
    document.head.appendChild(script);
  };
  // Focus reaches a search box by click, tap, Tab or the theme's Ctrl+K shortcut.
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "q") load();
  });
  // A pointer on a search button: the reader is about to search, so start early.
  document.addEventListener("pointerover", (event) => {
    if (event.target instanceof Element && event.target.closest(".search-button, .search-button-field")) load();
  });
  // A query in the address (?q=…) is searched as soon as the page is ready.
  if (new URLSearchParams(window.location.search).has("q")) load();
})();

// sphinx-book-theme 1.4 with pydata-sphinx-theme 0.20 binds the sidebar toggles to the
// first ".primary-toggle" / ".secondary-toggle" in the page, which is a hidden navbar
// icon; the visible header buttons do nothing, so phones could not open the navigation.
// Forward their clicks to the bound button.
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [bound, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        bound.click();
      });
    }
  }
});

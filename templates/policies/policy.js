(function () {
  "use strict";
  // Language: ?lang= first (a shared link), then the reader's saved choice, then the browser's.
  var body = document.body;
  function setLang(lang, remember) {
    body.classList.toggle("show-en", lang === "en");
    body.classList.toggle("show-zh", lang !== "en");
    document.documentElement.lang = lang === "en" ? "en" : "zh-Hans";
    document.querySelectorAll("[data-set-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-set-lang") === lang));
    });
    if (remember) {
      try { localStorage.setItem("policydocs-lang", lang); } catch (e) { /* private mode */ }
    }
  }
  document.querySelectorAll("[data-set-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      var lang = button.getAttribute("data-set-lang");
      setLang(lang, true);
      var url = new URL(window.location.href);
      url.searchParams.set("lang", lang);
      history.replaceState(null, "", url.toString());
    });
  });
  var asked = new URLSearchParams(window.location.search).get("lang");
  var saved = null;
  try { saved = localStorage.getItem("policydocs-lang"); } catch (e) { saved = null; }
  var browser = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  var lang = asked === "en" || asked === "zh" ? asked
    : saved === "en" || saved === "zh" ? saved
    : (/^zh/i.test(browser) ? "zh" : (/^en/i.test(browser) ? "en" : "zh"));
  setLang(lang, false);
}());

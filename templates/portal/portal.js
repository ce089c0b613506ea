(function () {
  "use strict";
  var body = document.body;
  var words = document.getElementById("filter-words");
  var cap = document.getElementById("filter-cap");
  var shown = document.querySelector(".shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("#measures .measure"));

  function currentLang() { return body.classList.contains("show-en") ? "en" : "zh"; }

  function setLang(lang) {
    body.classList.toggle("show-en", lang === "en");
    body.classList.toggle("show-zh", lang !== "en");
    document.documentElement.lang = lang === "en" ? "en" : "zh-Hans";
    document.querySelectorAll("[data-set-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-set-lang") === lang));
    });
    Array.prototype.forEach.call(cap.options, function (option) {
      option.textContent = option.getAttribute("data-" + lang);
    });
    try { localStorage.setItem("policydocs-lang", lang); } catch (e) { /* private mode */ }
    filter();
  }

  function filter() {
    var needle = words.value.trim().toLowerCase();
    var minimum = Number(cap.value) || 0;
    var count = 0;
    items.forEach(function (item) {
      var ok = (!needle || item.getAttribute("data-text").indexOf(needle) !== -1) &&
               Number(item.getAttribute("data-cap")) >= minimum;
      item.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = shown.getAttribute("data-" + currentLang())
      .replace("%(shown)s", String(count)).replace("%(total)s", String(items.length));
  }

  document.querySelectorAll("[data-set-lang]").forEach(function (button) {
    button.addEventListener("click", function () { setLang(button.getAttribute("data-set-lang")); });
  });
  words.addEventListener("input", filter);
  cap.addEventListener("change", filter);
  var saved = null;
  try { saved = localStorage.getItem("policydocs-lang"); } catch (e) { saved = null; }
  setLang(saved === "en" ? "en" : "zh");
}());

(function () {
  "use strict";
  // Copies the article as rich text (inline styles kept) and as plain text. Relative
  // links are made absolute from this page's own address first, so a pasted link still
  // opens; with base_url set in content/settings.yaml they are absolute already.
  var button = document.getElementById("copy");
  var status = document.getElementById("copied");
  var article = document.getElementById("content");

  function absolute(node) {
    var copy = node.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("a[href]"), function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), document.baseURI).href);
    });
    return copy;
  }

  function say(key) { status.textContent = status.getAttribute("data-" + key); }

  function fallback(copy) {
    var holder = document.createElement("div");
    holder.style.position = "fixed";
    holder.style.left = "-10000px";
    holder.appendChild(copy);
    document.body.appendChild(holder);
    var range = document.createRange();
    range.selectNodeContents(holder);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    selection.removeAllRanges();
    document.body.removeChild(holder);
    say(done ? "done" : "failed");
  }

  button.addEventListener("click", function () {
    var copy = absolute(article);
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var html = new Blob([copy.outerHTML], { type: "text/html" });
      var text = new Blob([article.innerText], { type: "text/plain" });
      navigator.clipboard.write([new window.ClipboardItem({ "text/html": html, "text/plain": text })])
        .then(function () { say("done"); }, function () { fallback(copy); });
    } else {
      fallback(copy);
    }
  });
}());

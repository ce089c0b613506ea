(function () {
  "use strict";
  // The portal's finder and matcher, offline: the index and the matcher's data are built
  // at build time (generators/render/finder.py, matcher.py) and embedded as JSON.
  // Everything the reader chooses lives in the address (?q=&sector=&policy=&kind=&min=
  // &lang=, the matcher's ms=&ma=&mv=&mt=), so a search or an answer can be sent on.

  var body = document.body;
  function json(id) { return JSON.parse(document.getElementById(id).textContent); }
  var index = json("finder-data");
  var matcherData = json("matcher-data");
  var messages = json("portal-messages");
  var config = json("portal-config");

  var input = document.getElementById("q");
  var selects = {
    sector: document.getElementById("f-sector"),
    policy: document.getElementById("f-policy"),
    kind: document.getElementById("f-kind"),
    min: document.getElementById("f-min")
  };
  var shown = document.getElementById("shown");
  var hits = document.getElementById("hits");
  var empty = document.getElementById("empty");
  var results = document.getElementById("results");
  var clear = document.getElementById("clear");

  // ---- language ------------------------------------------------------------------------
  function lang() { return body.classList.contains("show-en") ? "en" : "zh"; }
  function say(key, values, inLang) {
    var text = messages[key][inLang || lang()];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("%(" + name + ")s").join(String(values[name]));
    });
    return text;
  }
  function both(key, values) {
    // A message in both languages, as two spans the page's language shows one of.
    var out = document.createDocumentFragment();
    ["zh", "en"].forEach(function (l) {
      var span = document.createElement("span");
      span.setAttribute("data-l", l);
      span.lang = l === "zh" ? "zh-Hans" : "en";
      span.textContent = say(key, values, l);
      out.appendChild(span);
    });
    return out;
  }

  function setLang(l, remember) {
    body.classList.toggle("show-en", l === "en");
    body.classList.toggle("show-zh", l !== "en");
    document.documentElement.lang = l === "en" ? "en" : "zh-Hans";
    document.querySelectorAll("[data-set-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-set-lang") === l));
    });
    document.querySelectorAll("option[data-" + l + "]").forEach(function (option) {
      option.textContent = option.getAttribute("data-" + l);
    });
    document.querySelectorAll("input[data-" + l + "]").forEach(function (field) {
      field.placeholder = field.getAttribute("data-" + l);
    });
    // Policy pages open in the portal's language.
    document.querySelectorAll("a.page-link").forEach(function (a) {
      var original = a.getAttribute("data-href") || a.getAttribute("href");
      a.setAttribute("data-href", original);
      var parts = original.split("#");
      a.setAttribute("href", parts[0] + (l === "en" ? "?lang=en" : "") + (parts[1] ? "#" + parts[1] : ""));
    });
    if (remember) {
      try { localStorage.setItem("policydocs-lang", l); } catch (e) { /* private mode */ }
    }
  }

  // ---- reading a query -----------------------------------------------------------------
  var DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNITS = { "十": 10, "百": 100, "千": 1000 };
  function chineseNumber(text) {
    if (/^\d+$/.test(text)) { return parseInt(text, 10); }
    var total = 0, section = 0, digit = 0;
    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i);
      if (c in DIGITS) { digit = DIGITS[c]; }
      else if (c in UNITS) { section += (digit || 1) * UNITS[c]; digit = 0; }
      else if (c === "万") { total += (section + digit || 1) * 10000; section = 0; digit = 0; }
      else if (c === "亿") { total = (total + section + digit || 1) * 100000000; section = 0; digit = 0; }
      else { return NaN; }
    }
    return total + section + digit;
  }
  function normalise(text) { return text.normalize("NFKC").toLowerCase(); }
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  var N = "([0-9零〇一二两三四五六七八九十百]+)";
  var H = "([一二三四五六七八九十]+)";
  // How people cite a clause; each gives the keys of citations.py's citation_keys.
  var CITATIONS = [
    [new RegExp("第" + N + "章第" + N + "[条项]"), function (a, b) { return ["ch" + a + "c" + b]; }],
    [new RegExp("专栏" + N + "第" + N + "项"), function (a, b) { return ["b" + a + "i" + b]; }],
    [new RegExp("专栏" + N), function (a) { return ["b" + a]; }],
    [new RegExp("第" + N + "条"), function (a) { return ["c" + a]; }],
    [new RegExp("第" + N + "项"), function (a) { return ["i" + a, "c" + a]; }],
    [new RegExp("第" + N + "章"), function (a) { return ["ch" + a]; }],
    [new RegExp(H + "、?\\(" + H + "\\)"), function (a, b) { return ["ch" + a + "s" + b]; }],
    [/\bchapter\s*(\d+)\s*,?\s*(?:clause|article|item)\s*(\d+)\b/, function (a, b) { return ["ch" + a + "c" + b]; }],
    [/\bchapter\s*(\d+)\s*\(\s*(\d+)\s*\)/, function (a, b) { return ["ch" + a + "s" + b]; }],
    [/\bbox\s*(\d+)\s*,?\s*item\s*(\d+)\b/, function (a, b) { return ["b" + a + "i" + b]; }],
    [/\bbox\s*(\d+)\b/, function (a) { return ["b" + a]; }],
    [/\b(?:clause|article|art\.?)\s*(\d+)\b/, function (a) { return ["c" + a]; }],
    [/\bitem\s*(\d+)\b/, function (a) { return ["i" + a, "c" + a]; }],
    [/\bchapter\s*(\d+)\b/, function (a) { return ["ch" + a]; }]
  ];
  var SCALE = {
    "万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3
  };
  var AMOUNT = /(?:(rmb|cny|¥)\s*)?(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|千万|百万|万|千|(?:billion|bn|b|million|mn|m|thousand|k)(?![a-z]))?\s*(元|yuan|rmb|cny)?/g;
  var CHINESE_AMOUNT = /([零〇一二两三四五六七八九十百千]+)(万|亿)(元)?/g;

  // An amount as people type it (500万, 5 million, RMB 5,000,000, 五百万); null if none.
  function readAmount(text) {
    var found = readAmounts(normalise(text));
    return found.amounts.length === 1 && !found.rest.trim() ? found.amounts[0] : null;
  }
  function readAmounts(text) {
    var amounts = [];
    var rest = text.replace(CHINESE_AMOUNT, function (all, number, unit) {
      var value = chineseNumber(number) * SCALE[unit];
      if (!isNaN(value)) { amounts.push(value); return " "; }
      return all;
    });
    rest = rest.replace(AMOUNT, function (all, currency, number, unit, yuan) {
      var value = parseFloat(number.replace(/,/g, "")) * (unit ? SCALE[unit] : 1);
      if (unit || currency || yuan || value >= 10000) {
        amounts.push(Math.round(value));
        return " ";
      }
      return all;
    });
    return { amounts: amounts, rest: rest };
  }

  var STOP_WORDS = " a an and are as at be by for from in is of on or per the to with what which who how i my me we our for support supports measure measures policy policies ";
  var STOP_CHARS = "的和与及或在对等之了是";
  // Words for the documents themselves, as people add them to a search ("IC English
  // brief", 流片申请表): they say what to open, not what a measure says.
  var DOCUMENT_WORDS = " form forms application docx word brief briefs pdf summary summaries english chinese investor guide download ";
  var DOCUMENT_CJK = ["申请表", "申报表", "简报", "摘要", "英文版", "中文版", "英文", "中文", "投资指南", "指南", "下载"];
  var phrases = [];
  Object.keys(index.sectors).forEach(function (key) {
    index.sectors[key].forEach(function (name) { phrases.push({ type: "sector", value: key, text: name }); });
  });
  Object.keys(index.kinds).forEach(function (kind) {
    index.kinds[kind].forEach(function (name) { phrases.push({ type: "kind", value: kind, text: name }); });
  });
  phrases.sort(function (a, b) { return b.text.length - a.text.length; });
  var vocabulary = {};
  index.vocabulary.concat(DOCUMENT_CJK).forEach(function (word) { vocabulary[word] = true; });
  var longestWord = index.vocabulary.concat(DOCUMENT_CJK)
    .reduce(function (n, w) { return Math.max(n, w.length); }, 1);

  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) { return word.slice(0, -3) + "y"; }
    if (word.length > 4 && /s$/.test(word)) { return word.slice(0, -1); }
    return word;
  }

  // Split a run of Chinese characters at the words the index knows (人工智能补贴 →
  // sector 人工智能 + kind 补贴 are found before; 流片补助 → 流片 + 补助).
  function segment(run) {
    var pieces = [];
    var rest = "";
    var i = 0;
    while (i < run.length) {
      var found = "";
      for (var n = Math.min(longestWord, run.length - i); n >= 2; n -= 1) {
        if (vocabulary[run.substr(i, n)]) { found = run.substr(i, n); break; }
      }
      if (found) {
        if (rest) { pieces.push(rest); rest = ""; }
        pieces.push(found);
        i += found.length;
      } else {
        rest += run.charAt(i);
        i += 1;
      }
    }
    if (rest) { pieces.push(rest); }
    return pieces.map(function (p) {
      return p.replace(new RegExp("^[" + STOP_CHARS + "]+|[" + STOP_CHARS + "]+$", "g"), "");
    }).filter(function (p) { return p.length > 0; });
  }

  function parse(query) {
    var text = " " + normalise(query) + " ";
    var terms = [];
    CITATIONS.forEach(function (rule) {
      var pattern = new RegExp(rule[0].source, "g");
      text = text.replace(pattern, function (all, a, b) {
        var keys = rule[1](chineseNumber(a), b === undefined || typeof b === "number" ? b : chineseNumber(b));
        terms.push({ type: "cite", keys: keys, label: all.trim() });
        return " ";
      });
    });
    var found = readAmounts(text);
    found.amounts.forEach(function (value) { terms.push({ type: "amount", value: value, label: String(value) }); });
    text = found.rest;
    phrases.forEach(function (phrase) {
      var latin = /^[\x00-\x7f]+$/.test(phrase.text);
      var pattern = latin
        ? new RegExp("(^|[^a-z0-9])" + escapeRegExp(phrase.text) + "(?=$|[^a-z0-9])", "g")
        : new RegExp(escapeRegExp(phrase.text), "g");
      text = text.replace(pattern, function (all, before) {
        terms.push({ type: phrase.type, value: phrase.value, literal: phrase.text, label: phrase.text });
        return (latin ? before : "") + " ";
      });
    });
    (text.match(/[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+/g) || []).forEach(function (token) {
      if (/^[a-z0-9]+$/.test(token)) {
        if (STOP_WORDS.indexOf(" " + token + " ") === -1 && DOCUMENT_WORDS.indexOf(" " + token + " ") === -1) {
          terms.push({ type: "text", value: token, label: token });
        }
      } else {
        segment(token).forEach(function (piece) {
          if (DOCUMENT_CJK.indexOf(piece) !== -1) { return; }
          if (piece.length > 1 || STOP_CHARS.indexOf(piece) === -1) {
            terms.push({ type: "text", value: piece, label: piece });
          }
        });
      }
    });
    return terms;
  }

  // ---- matching ------------------------------------------------------------------------
  var WEIGHTS = [5, 3, 2, 1];  // heading, whom/what, clause text, units
  var POLICY_WEIGHT = 1;
  var strings = index.strings;

  function fieldHas(field, value, latin) {
    if (!latin) { return strings[field[0]].indexOf(value) !== -1; }
    var words = strings[field[1]];
    if (words.indexOf(" " + value + " ") !== -1) { return true; }
    // Abbreviations (AI, IC, EDA) match whole words only; longer words also as the start
    // of a word, so "semiconductor" finds "semiconductors".
    return value.length >= 4 && words.indexOf(" " + stem(value)) !== -1;
  }
  function textWeight(entry, value) {
    var latin = /^[a-z0-9]+$/.test(value);
    for (var i = 0; i < entry.f.length; i += 1) {
      if (fieldHas(entry.f[i], value, latin)) { return WEIGHTS[i]; }
    }
    if (fieldHas(index.policyFields[entry.p], value, latin)) { return POLICY_WEIGHT; }
    return 0;
  }
  function literalWeight(entry, literal) {
    var latin = /^[\x00-\x7f]+$/.test(literal);
    if (!latin) { return textWeight(entry, literal); }
    var words = literal.match(/[a-z0-9]+/g) || [];
    var total = 0;
    for (var i = 0; i < words.length; i += 1) {
      var w = textWeight(entry, words[i]);
      if (!w) { return 0; }
      total = Math.max(total, w);
    }
    return total;
  }
  function termWeight(entry, term) {
    if (term.type === "cite") {
      return term.keys.some(function (k) { return entry.cite.indexOf(k) !== -1; }) ? 8 : 0;
    }
    if (term.type === "amount") { return entry.amt.indexOf(term.value) !== -1 ? 6 : 0; }
    if (term.type === "sector") {
      return entry.s.indexOf(term.value) !== -1 ? 5 : literalWeight(entry, term.literal);
    }
    if (term.type === "kind") {
      return entry.k.indexOf(term.value) !== -1 ? 3 : literalWeight(entry, term.literal);
    }
    return textWeight(entry, term.value);
  }
  function passesFilters(entry, filters) {
    if (filters.sector && entry.s.indexOf(filters.sector) === -1) { return false; }
    if (filters.policy && index.policies[entry.p] !== filters.policy) { return false; }
    if (filters.kind && entry.k.indexOf(filters.kind) === -1) { return false; }
    if (filters.min && entry.cap < Number(filters.min)) { return false; }
    return true;
  }
  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i += 1) {
      var w = termWeight(entry, terms[i]);
      if (!w) { return 0; }
      total += w;
    }
    return terms.length ? total : 1;
  }

  // ---- the list ------------------------------------------------------------------------
  var items = [];
  var byId = {};
  index.measures.forEach(function (entry, position) {
    var li = document.getElementById("m-" + entry.id);
    var item = { entry: entry, li: li, position: position, score: 0 };
    items.push(item);
    byId[entry.id] = item;
  });
  var groups = Array.prototype.slice.call(results.querySelectorAll("details.group"));
  var policyCount = results.querySelectorAll("details.policy").length;

  function currentFilters() {
    return {
      sector: selects.sector.value,
      policy: selects.policy.value,
      kind: selects.kind.value,
      min: selects.min.value
    };
  }
  function anyFilter(filters) {
    return Boolean(filters.sector || filters.policy || filters.kind || filters.min);
  }
  function countMatches(terms, filters) {
    return items.filter(function (item) {
      return passesFilters(item.entry, filters) && score(item.entry, terms) > 0;
    }).length;
  }

  // Touching the DOM is what costs with 600 measures: write only what changes.
  function set(node, property, value) { if (node[property] !== value) { node[property] = value; } }
  function setText(node, text) { if (node.textContent !== text) { node.textContent = text; } }

  function byScore(a, b) { return b.score - a.score || a.position - b.position; }

  function search() {
    var started = performance.now();
    var query = input.value.trim();
    var filters = currentFilters();
    var terms = parse(query);
    var active = terms.length > 0 || anyFilter(filters);
    var ranked = terms.some(function (t) { return t.type !== "sector"; });
    var count = 0;
    var policiesShown = 0;
    items.forEach(function (item) {
      item.score = passesFilters(item.entry, filters) ? score(item.entry, terms) : 0;
      set(item.li, "hidden", item.score === 0);
      if (item.score) { count += 1; }
    });
    groups.forEach(function (group) {
      var policies = Array.prototype.slice.call(group.querySelectorAll("details.policy"));
      var groupBest = 0;
      var groupCount = 0;
      policies.forEach(function (policy) {
        var list = policy.querySelector("ul.measures");
        var members = Array.prototype.map.call(list.children, function (li) {
          return byId[li.getAttribute("data-measure")];
        });
        var before = members.slice();
        members.sort(ranked ? byScore : function (a, b) { return a.position - b.position; });
        // Moving nodes is what costs at scale: only when the order changed.
        if (members.some(function (m, i) { return m !== before[i]; })) {
          members.forEach(function (m) { list.appendChild(m.li); });
        }
        var visible = members.filter(function (m) { return m.score > 0; });
        set(policy, "hidden", visible.length === 0);
        policy._best = visible.length ? visible[0].score : 0;
        policy._first = members[0].position;
        setText(policy.querySelector(".count"), active
          ? visible.length + " / " + members.length : String(members.length));
        if (visible.length) { policiesShown += 1; }
        groupCount += visible.length;
        groupBest = Math.max(groupBest, policy._best);
      });
      var was = policies.slice();
      policies.sort(function (a, b) {
        return ranked ? (b._best - a._best || a._first - b._first) : a._first - b._first;
      });
      if (policies.some(function (p, i) { return p !== was[i]; })) {
        policies.forEach(function (p) { group.appendChild(p); });
      }
      set(group, "hidden", groupCount === 0);
      group._best = groupBest;
      group._first = policies.length ? policies[0]._first : 0;
      var total = group.querySelector(".count").getAttribute("data-total");
      setText(group.querySelector(".count"), active ? groupCount + " / " + total : total);
      // Collapsed by default; a search opens what it found.
      var open = active && groupCount > 0;
      set(group, "open", open);
      policies.forEach(function (p) { set(p, "open", open && !p.hidden && count <= 200); });
    });
    var ordered = groups.slice().sort(function (a, b) {
      return ranked ? (b._best - a._best || a._first - b._first) : a._first - b._first;
    });
    var current = Array.prototype.slice.call(results.children);
    if (ordered.some(function (g, i) { return g !== current[i]; })) {
      ordered.forEach(function (g) { results.appendChild(g); });
    }

    shown.textContent = active
      ? say("matching", { shown: count, policies: policiesShown })
      : say("all", { total: items.length, policies: policyCount });
    clear.hidden = !active;
    showHits(terms);
    showEmpty(query, terms, filters, count);
    writeAddress();
    window.portalFinderMs = performance.now() - started;
  }

  function showHits(terms) {
    hits.textContent = "";
    var sectors = [];
    terms.forEach(function (t) { if (t.type === "sector" && sectors.indexOf(t.value) === -1) { sectors.push(t.value); } });
    sectors.forEach(function (key) {
      var card = document.getElementById("sector-" + key);
      if (!card) { return; }
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.add("hit");
      hits.appendChild(copy);
    });
    var words = terms.filter(function (t) { return t.type === "text"; });
    if (!words.length || terms.some(function (t) { return t.type === "cite" || t.type === "amount"; })) { return; }
    var found = [];
    index.policyFields.forEach(function (field, i) {
      var all = words.every(function (t) { return fieldHas(field, t.value, /^[a-z0-9]+$/.test(t.value)); });
      if (all && found.length < 5) { found.push(index.policies[i]); }
    });
    if (!found.length) { return; }
    var box = document.createElement("div");
    box.className = "policy-hits";
    var heading = document.createElement("p");
    heading.className = "hits-title";
    heading.appendChild(both("policyHits"));
    box.appendChild(heading);
    var list = document.createElement("ul");
    found.forEach(function (id) {
      var link = document.querySelector("#policies a.page-link[data-policy='" + id + "']");
      if (!link) { return; }
      var li = document.createElement("li");
      li.appendChild(link.cloneNode(true));
      list.appendChild(li);
    });
    box.appendChild(list);
    hits.appendChild(box);
  }

  function showEmpty(query, terms, filters, count) {
    empty.textContent = "";
    empty.hidden = count > 0 || (!terms.length && !anyFilter(filters));
    if (empty.hidden) { return; }
    var p = document.createElement("p");
    p.className = "empty-title";
    p.appendChild(query ? both("empty", { query: query }) : both("emptyFiltered"));
    empty.appendChild(p);
    var options = document.createElement("ul");
    if (terms.length > 1) {
      var li = document.createElement("li");
      li.appendChild(both("eachAlone"));
      terms.forEach(function (term) {
        var n = countMatches([term], filters);
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = term.label + " (" + n + ")";
        button.disabled = n === 0;
        button.addEventListener("click", function () { input.value = term.label; search(); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(button);
      });
      options.appendChild(li);
    }
    if (anyFilter(filters) && terms.length) {
      var without = countMatches(terms, {});
      if (without) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.appendChild(both("withoutFilters", { count: without }));
        button.addEventListener("click", function () {
          Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
          search();
        });
        item.appendChild(button);
        options.appendChild(item);
      }
    }
    var examples = document.createElement("li");
    examples.appendChild(both("examples"));
    options.appendChild(examples);
    empty.appendChild(options);
  }

  // ---- the address ---------------------------------------------------------------------
  var writing = false;
  function writeAddress() {
    if (writing) { return; }
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    Object.keys(selects).forEach(function (k) { if (selects[k].value) { params.set(k, selects[k].value); } });
    matcherParams(params);
    if (lang() === "en") { params.set("lang", "en"); }
    var search = params.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }
  function pageAddress(hash, withSearch) {
    var base = config.baseUrl
      ? config.baseUrl + "index.html"
      : window.location.href.split("#")[0].split("?")[0];
    var search = withSearch ? window.location.search : (lang() === "en" ? "?lang=en" : "");
    return base + search + (hash ? "#" + hash : "");
  }

  function copyText(text, near) {
    function done(ok) {
      var note = near.parentNode.querySelector(".copied");
      if (!note) {
        note = document.createElement("span");
        note.className = "copied";
        note.setAttribute("role", "status");
        near.parentNode.insertBefore(note, near.nextSibling);
      }
      note.textContent = ok ? " " + say("copied") : " " + say("copyThis") + " " + text;
    }
    function fallback() {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.left = "-10000px";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  // ---- anchors -------------------------------------------------------------------------
  function reveal(hash) {
    if (!hash || hash.indexOf("#m-") !== 0) { return; }
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) { return; }
    target.hidden = false;
    for (var node = target.parentNode; node && node !== document; node = node.parentNode) {
      if (node.tagName === "DETAILS") { node.hidden = false; node.open = true; }
    }
    document.querySelectorAll(".measure.target").forEach(function (m) { m.classList.remove("target"); });
    target.classList.add("target");
    target.scrollIntoView();
  }

  // ---- the matcher ---------------------------------------------------------------------
  var mForm = document.getElementById("matcher-form");
  var mSector = document.getElementById("m-sector");
  var mSpend = document.getElementById("m-spend");
  var mType = document.getElementById("m-type");
  var mBox = document.getElementById("matcher-box");
  var mList = document.getElementById("matches");
  var mCount = document.getElementById("matcher-count");
  var mProfile = document.getElementById("matcher-profile");
  var mMore = document.getElementById("matcher-more");
  var FIRST = 10;
  var showAll = false;
  var usedActivities = {};
  matcherData.activities.forEach(function (key) { usedActivities[key] = true; });
  document.querySelectorAll("label.activity").forEach(function (label) {
    if (!usedActivities[label.getAttribute("data-activity")]) { label.remove(); }
  });
  if (mType) {
    Array.prototype.slice.call(mType.options).forEach(function (option) {
      if (option.value && !(option.value in matcherData.applicants)) { option.remove(); }
    });
  }
  function activityBoxes() {
    return Array.prototype.slice.call(mForm.querySelectorAll("input[name=ma]"));
  }
  function answers() {
    return {
      sector: mSector.value,
      activities: activityBoxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
      spendText: mSpend.value.trim(),
      spend: mSpend.value.trim() ? readAmount(mSpend.value) : null,
      type: mType ? mType.value : ""
    };
  }
  function matcherParams(params) {
    if (!mBox.open) { return; }
    var a = answers();
    params.set("m", "1");
    if (a.sector) { params.set("ms", a.sector); }
    if (a.activities.length) { params.set("ma", a.activities.join(",")); }
    if (a.spendText) { params.set("mv", a.spendText); }
    if (a.type) { params.set("mt", a.type); }
  }

  // format_cny of generators/i18n/formatting.py: 150万元, 1.5亿元 / RMB 1.5 million.
  function trim(number, digits) { return number.toFixed(digits).replace(/\.?0+$/, ""); }
  function grouped(number) { return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function formatCny(amount, l) {
    if (l === "zh") {
      if (amount < 10000) { return amount + "元"; }
      if (amount >= 1e8 && amount % 1e4 === 0) { return trim(amount / 1e8, 4) + "亿元"; }
      return trim(amount / 1e4, 4) + "万元";
    }
    if (amount >= 1e6 && amount < 1e12) {
      var scale = amount >= 1e9 ? 1e9 : 1e6;
      if (amount % (scale / 1000) === 0) {
        return "RMB " + grouped(trim(amount / scale, 3)) + (scale === 1e9 ? " billion" : " million");
      }
    }
    return "RMB " + grouped(amount);
  }
  window.portalFormatCny = formatCny;

  function lineage(type) { return type ? matcherData.applicants[type] || [type] : []; }

  function evaluate(a) {
    var kinds = lineage(a.type);
    var found = [];
    matcherData.measures.forEach(function (measure, position) {
      if (a.sector && measure.s.indexOf(a.sector) === -1) { return; }
      var chosen = [];
      measure.i.forEach(function (inc, k) {
        var doesIt = !a.activities.length || inc.a.some(function (x) { return a.activities.indexOf(x) !== -1; });
        var isFor = !a.type || !inc.w.length || inc.w.some(function (x) { return kinds.indexOf(x) !== -1; });
        if (!doesIt || !isFor) { return; }
        var result = { index: k, potential: inc.top, computed: null };
        if (a.spend && inc.rate) {
          var value = Math.floor(a.spend * inc.rate / 100);
          var reached = inc.cap !== null && value >= inc.cap;
          var amount = inc.cap !== null ? Math.min(value, inc.cap) : value;
          var fixed = inc.rateIs === "fixed" && (!reached || inc.amountIs === "fixed");
          result.potential = amount;
          result.computed = { amount: amount, phrase: inc.phrase[fixed ? "fixed" : "maximum"], basis: inc.basis };
        }
        chosen.push(result);
      });
      if (chosen.length) {
        found.push({
          id: measure.id,
          position: position,
          incentives: chosen,
          best: Math.max.apply(null, chosen.map(function (c) { return c.potential; }))
        });
      }
    });
    found.sort(function (x, y) { return y.best - x.best || x.position - y.position; });
    return found;
  }

  function computedLine(c, spend, l) {
    var amount = c.phrase[l].split(matcherData.placeholder).join(formatCny(c.amount, l));
    var key = c.basis[l] ? "ifBasis" : "forSpend";
    return say(key, { basis: c.basis[l], spend: formatCny(spend, l), amount: amount }, l);
  }

  function profileText(a) {
    var fragment = document.createDocumentFragment();
    ["zh", "en"].forEach(function (l) {
      var parts = [];
      if (a.sector) { parts.push(say("profileSector", { value: mSector.selectedOptions[0].getAttribute("data-" + l) }, l)); }
      if (a.activities.length) {
        var names = a.activities.map(function (key) {
          return mForm.querySelector("label.activity[data-activity='" + key + "'] [data-l=" + l + "]").textContent;
        });
        parts.push(say("profileActivities", { value: names.join(say("listSeparator", {}, l)) }, l));
      }
      if (a.spend) { parts.push(say("profileSpend", { value: formatCny(a.spend, l) }, l)); }
      if (a.type && mType) { parts.push(say("profileType", { value: mType.selectedOptions[0].getAttribute("data-" + l) }, l)); }
      var span = document.createElement("span");
      span.setAttribute("data-l", l);
      span.textContent = parts.join(say("separator", {}, l));
      fragment.appendChild(span);
    });
    return fragment;
  }

  function runMatcher() {
    var a = answers();
    mList.textContent = "";
    mProfile.textContent = "";
    mProfile.appendChild(profileText(a));
    if (a.spendText && a.spend === null) {
      mCount.textContent = "";
      mCount.appendChild(both("spendUnreadable"));
      mMore.hidden = true;
      writeAddress();
      return;
    }
    var found = evaluate(a);
    mCount.textContent = "";
    mCount.appendChild(found.length ? both("matcherCount", { count: found.length }) : both("matcherNone"));
    var listed = showAll ? found : found.slice(0, FIRST);
    listed.forEach(function (match) {
      var source = byId[match.id].li;
      var li = source.cloneNode(true);
      li.removeAttribute("id");
      li.hidden = false;
      li.className = "measure match";
      li.setAttribute("data-match", match.id);
      var policy = source.closest("details.policy").querySelector(".policy-name");
      ["zh", "en"].forEach(function (l) {
        var part = li.querySelector("[data-l=" + l + "]");
        var title = part.querySelector(".measure-title");
        var link = document.createElement("a");
        link.href = "#m-" + match.id;
        while (title.firstChild) { link.appendChild(title.firstChild); }
        title.appendChild(link);
        var from = document.createElement("p");
        from.className = "from";
        from.textContent = policy.querySelector("[data-l=" + l + "]").textContent;
        title.parentNode.insertBefore(from, title.nextSibling);
        var chosen = {};
        match.incentives.forEach(function (c) { chosen[c.index] = c; });
        part.querySelectorAll(".figures > li").forEach(function (fig) {
          var c = chosen[Number(fig.getAttribute("data-i"))];
          if (!c) { fig.remove(); return; }
          if (c.computed) {
            var line = document.createElement("span");
            line.className = "computed";
            line.textContent = computedLine(c.computed, a.spend, l);
            fig.appendChild(line);
          }
        });
      });
      mList.appendChild(li);
    });
    mMore.hidden = found.length <= FIRST;
    mMore.textContent = "";
    mMore.appendChild(showAll ? both("matcherFewer", { count: FIRST }) : both("matcherMore", { count: found.length }));
    setLang(lang(), false);
    writeAddress();
  }

  // ---- wiring --------------------------------------------------------------------------
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); search(); }
  });
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", search); });
  clear.addEventListener("click", function () {
    input.value = "";
    Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
    search();
    input.focus();
  });
  var toggle = document.getElementById("filters-toggle");
  var filtersBox = document.getElementById("filters");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    filtersBox.classList.toggle("open", open);
  });
  document.getElementById("copy-search").addEventListener("click", function (event) {
    copyText(pageAddress("", true), event.currentTarget);
  });
  document.getElementById("matcher-link").addEventListener("click", function (event) {
    copyText(pageAddress("matcher", true), event.currentTarget);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".copy-link") : null;
    if (button) {
      var measure = button.closest("[data-measure]");
      copyText(pageAddress("m-" + measure.getAttribute("data-measure"), false), button);
      return;
    }
    var sector = event.target.closest ? event.target.closest(".show-sector") : null;
    if (sector) {
      selects.sector.value = sector.getAttribute("data-sector");
      search();
      document.getElementById("finder").scrollIntoView();
    }
  });
  document.querySelectorAll("[data-set-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      setLang(button.getAttribute("data-set-lang"), true);
      search();
      if (mBox.open) { runMatcher(); }
    });
  });
  mForm.addEventListener("change", runMatcher);
  mSpend.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(runMatcher, 200);
  });
  mBox.addEventListener("toggle", function () { if (mBox.open) { runMatcher(); } else { writeAddress(); } });
  document.getElementById("open-matcher").addEventListener("click", function () { mBox.open = true; });
  mMore.addEventListener("click", function () { showAll = !showAll; runMatcher(); });
  document.getElementById("matcher-print").addEventListener("click", function () {
    body.classList.add("print-matcher");
    window.print();
  });
  window.addEventListener("afterprint", function () { body.classList.remove("print-matcher"); });
  window.addEventListener("hashchange", function () { reveal(window.location.hash); });

  // ---- start: the address first, then the saved choice, then the browser's language ----
  var params = new URLSearchParams(window.location.search);
  var saved = null;
  try { saved = localStorage.getItem("policydocs-lang"); } catch (e) { saved = null; }
  var browser = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  var asked = params.get("lang");
  var startLang = asked === "en" || asked === "zh" ? asked
    : saved === "en" || saved === "zh" ? saved
    : (/^zh/i.test(browser) ? "zh" : (/^en/i.test(browser) ? "en" : "zh"));
  writing = true;
  setLang(startLang, false);
  input.value = params.get("q") || "";
  Object.keys(selects).forEach(function (k) {
    var value = params.get(k) || "";
    if (Array.prototype.some.call(selects[k].options, function (o) { return o.value === value; })) {
      selects[k].value = value;
    }
  });
  if (params.get("m") || params.get("ms") || params.get("ma") || params.get("mv") || params.get("mt")) {
    if (params.get("ms")) { mSector.value = params.get("ms"); }
    var chosen = (params.get("ma") || "").split(",");
    activityBoxes().forEach(function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
    mSpend.value = params.get("mv") || "";
    if (mType && params.get("mt")) { mType.value = params.get("mt"); }
    mBox.open = true;
  }
  search();
  if (mBox.open) { runMatcher(); }
  writing = false;
  if (window.location.hash.indexOf("#m-") === 0) {
    reveal(window.location.hash);
  } else if (mBox.open && !window.location.hash) {
    document.getElementById("matcher").scrollIntoView();
  }
  body.classList.add("ready");
}());

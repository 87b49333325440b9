/* When a search finds nothing, say what to try instead of leaving the
 * reader at "没有找到符合条件的结果": a shorter word (the search matches
 * words, and a whole question rarely appears as typed) and the pages that
 * list everything. The page links are the site's fixed sections;
 * tests/test_site_browser.py checks that they exist. */
(function () {
  "use strict";
  var PAGES = [["processes/", "流程总览"], ["deadlines/", "时限一览"], ["glossary/", "术语与缩写"],
               ["questions/", "待决问题"]];
  var FILLERS = /(怎么办|怎么|如何|什么|哪些|哪个|多久|几天|谁|吗|呢|了)/g;

  function base() {
    try {
      var cfg = JSON.parse(document.getElementById("__config").textContent);
      return new URL(cfg.base.replace(/\/?$/, "/"), location.href);
    } catch (e) {
      return new URL("/", location.href);
    }
  }

  function retry(input, q) {
    input.value = q;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
    input.focus();
  }

  function hint(meta, input) {
    var old = document.getElementById("hb-search-hint");
    var list = meta.parentNode.querySelector(".md-search-result__list");
    var q = (input.value || "").trim();
    var empty = q && list && list.children.length === 0 && /没有找到/.test(meta.textContent);
    if (!empty) { if (old) old.remove(); return; }
    if (old && old.dataset.q === q) return;
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "hb-search-hint";
    box.className = "hb-search-hint";
    box.dataset.q = q;
    var shorter = q.replace(FILLERS, " ").trim().split(/\s+/).filter(function (w) { return w && w !== q; });
    if (!shorter.length && q.length > 2) shorter = [q.slice(0, 2)];
    var p = document.createElement("p");
    p.appendChild(document.createTextNode("可以试试："));
    shorter.slice(0, 3).forEach(function (w) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "hb-search-retry";
      b.textContent = w;
      b.addEventListener("click", function () { retry(input, w); });
      p.appendChild(b);
    });
    if (!shorter.length) p.appendChild(document.createTextNode("换一个更短的词或同义词，"));
    p.appendChild(document.createTextNode(" 或者查看："));
    var root = base();
    PAGES.forEach(function (pg, i) {
      var a = document.createElement("a");
      a.href = new URL(pg[0], root).href;
      a.textContent = pg[1];
      if (i) p.appendChild(document.createTextNode("、"));
      p.appendChild(a);
    });
    box.appendChild(p);
    meta.parentNode.insertBefore(box, meta.nextSibling);
  }

  function init() {
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!meta || !input || meta.dataset.hbHint) return;
    meta.dataset.hbHint = "1";
    new MutationObserver(function () { hint(meta, input); }).observe(meta, {childList: true, characterData: true, subtree: true});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* First-week progress (issue 6): ticks are kept in this browser's
 * localStorage, one key per plan and item ("hb-onboarding:<plan>:<item>"),
 * so nothing leaves the machine and no server is needed. No dependencies. */
(function () {
  "use strict";
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function update(root) {
    var boxes = root.querySelectorAll("input.hb-progress[data-hb-key]");
    var done = 0;
    boxes.forEach(function (b) { if (b.checked) { done += 1; } });
    root.querySelectorAll(".hb-progress-summary .hb-done").forEach(function (el) {
      el.textContent = String(done);
    });
  }
  function init() {
    var s = store();
    var boxes = document.querySelectorAll("input.hb-progress[data-hb-key]");
    boxes.forEach(function (box) {
      var key = box.getAttribute("data-hb-key");
      if (s && s.getItem(key) === "1") { box.checked = true; }
      box.addEventListener("change", function () {
        if (s) {
          if (box.checked) { s.setItem(key, "1"); } else { s.removeItem(key); }
        }
        update(document);
      });
    });
    document.querySelectorAll(".hb-progress-reset").forEach(function (btn) {
      btn.addEventListener("click", function () {
        boxes.forEach(function (box) {
          box.checked = false;
          if (s) { s.removeItem(box.getAttribute("data-hb-key")); }
        });
        update(document);
      });
    });
    update(document);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* First-week quiz (macros/outputs/site/render/pages_quiz.py).
 *
 * The page holds no answer key: each <fieldset data-hb-check> carries the
 * FNV-1a hash of "plan|number|right answer" (macros/onboarding/quiz.py
 * answer_check); on submission the chosen value is hashed the same way and
 * compared. Then the page shows the score against the pass mark (data:
 * pass_mark of the plan) and, under each wrong or missing answer, the link to
 * the page that holds the right one. The result is kept in localStorage
 * ("hb-onboarding-quiz:<plan>") for the mentor's summary on the plan page;
 * nothing is sent anywhere. No dependencies. */
(function () {
  "use strict";

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function init() {
    var form = document.getElementById("hb-quiz");
    var wordsEl = document.getElementById("hb-quiz-words");
    if (!form || !wordsEl) return;
    var W = JSON.parse(wordsEl.textContent);
    var plan = form.getAttribute("data-hb-plan");
    var pass = +form.getAttribute("data-hb-pass"), needed = +form.getAttribute("data-hb-needed");
    var out = document.getElementById("hb-quiz-result");

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var sets = form.querySelectorAll("fieldset.hb-question");
      var right = 0;
      sets.forEach(function (fs) {
        var n = fs.id.replace("q-", "");
        var chosen = fs.querySelector("input[type=radio]:checked");
        var ok = !!chosen && fnv1a(plan + "|" + n + "|" + chosen.value) === fs.getAttribute("data-hb-check");
        var result = fs.querySelector(".hb-q-result"), source = fs.querySelector(".hb-q-source");
        fs.classList.toggle("hb-right", ok);
        fs.classList.toggle("hb-wrong", !ok);
        result.hidden = false;
        result.textContent = ok ? "✓ " + W.right : "✗ " + (chosen ? W.wrong : W.unanswered);
        source.hidden = ok;
        if (ok) right += 1;
      });
      var total = sets.length, passed = right >= needed;
      var percent = total ? Math.round(right * 100 / total) : 0;
      out.textContent = W.score + "：" + right + " / " + total + "（" + percent + "%）；" + W.pass_mark + "：" + pass +
        "%（" + needed + " " + W.questions + "）；" + (passed ? W.passed : W.failed) + "。";
      out.className = "hb-quiz-result " + (passed ? "hb-passed" : "hb-failed");
      var s = store();
      if (s) {
        s.setItem("hb-onboarding-quiz:" + plan, JSON.stringify(
          {right: right, total: total, needed: needed, pass: pass, passed: passed, date: today()}));
      }
      out.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

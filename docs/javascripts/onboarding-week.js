/* The first-week plan page (macros/outputs/site/render/pages_onboarding.py):
 *
 * 1. A start date dates the five days on working days. The day-off table is
 *    the one the deadline calculator carries (macros/time/deadlines.py
 *    holiday_table(): data files, chinesecalendar, then the statutory
 *    computation, provisional years marked), embedded in this page as
 *    <script id="hb-week-data">; the rule is macros/onboarding/week.py:
 *    a start on a day off moves to the next working day.
 * 2. The mentor's summary: the ticks (onboarding-progress.js) and the quiz
 *    result (onboarding-quiz.js) from localStorage as one page of text, to
 *    copy or to print. Nothing leaves the browser unless the user does so.
 * No dependencies. */
(function () {
  "use strict";
  var DAY = 86400000;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return iso(d) === text ? d : null;
  }
  function weekday(d) { return (d.getUTCDay() + 6) % 7; }  // Monday = 0, as in Python
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  // holidays.Calendar.is_workday / describe over the page's table.
  function isWorkday(t, d) {
    var key = iso(d);
    return key in t.workdays || (weekday(d) <= 4 && !(key in t.holidays));
  }
  function describe(t, d) {
    var key = iso(d);
    if (key in t.holidays) return "法定节假日（" + t.holidays[key] + "）";
    return weekday(d) >= 5 ? "周末" : "";
  }

  // onboarding/week.py dated()
  function dated(t, start) {
    var dates = [], skipped = [], d = start;
    while (dates.length < 5) {
      if (isWorkday(t, d)) dates.push(d); else skipped.push({date: d, why: describe(t, d)});
      d = new Date(d.getTime() + DAY);
    }
    return {dates: dates, skipped: skipped};
  }

  function init() {
    var dataEl = document.getElementById("hb-week-data");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent), W = data.words, t = data.table;
    var s = store(), startKey = "hb-onboarding-start:" + data.plan;
    var input = document.getElementById("hb-start"), out = document.getElementById("hb-week-out");
    var week = null;

    function dayZh(d) { return iso(d) + "（" + data.weekdays[weekday(d)] + "）"; }
    function yearNote(first, last) {
      var notes = [];
      for (var y = first.getUTCFullYear(); y <= last.getUTCFullYear(); y++) {
        var info = t.years[String(y)];
        if (!info) notes.push(y + " 年：" + W.outside.replace("{first}", t.first_year).replace("{last}", t.last_year));
        else if (info.source === "statutory") notes.push(y + " 年" + W.provisional);
      }
      return notes;
    }
    function show() {
      var start = parse(input.value);
      week = start ? dated(t, start) : null;
      document.querySelectorAll(".hb-day-date").forEach(function (el) {
        var n = +el.getAttribute("data-day");
        var text = week ? dayZh(week.dates[n - 1]) : "—";
        if (el.tagName === "P") { el.hidden = !week; el.textContent = week ? W.date + "：" + text : ""; }
        else el.textContent = text;
      });
      if (!week) { out.textContent = W.no_start; return; }
      var last = week.dates[4];
      var lines = [W.day.replace("{n}", "5") + "：" + dayZh(last) + "。"];
      if (week.skipped.length) {
        lines.push(W.skipped + "：" + week.skipped.map(function (x) { return dayZh(x.date) + " " + x.why; }).join("；") + "。");
      }
      out.textContent = lines.concat(yearNote(start, last)).join(" ");
      if (s) s.setItem(startKey, input.value);
    }
    if (input) {
      if (s && s.getItem(startKey)) input.value = s.getItem(startKey);
      input.addEventListener("change", show);
      input.addEventListener("input", show);
      show();
    }

    var box = document.getElementById("hb-summary"), status = document.getElementById("hb-summary-status");
    var copyBtn = document.getElementById("hb-summary-copy"), printBtn = document.getElementById("hb-summary-print");
    function summary() {
      var done = [], open = [];
      data.items.forEach(function (it) {
        var ticked = s && s.getItem("hb-onboarding:" + data.plan + ":" + it.id) === "1";
        (ticked ? done : open).push(it);
      });
      var quiz = null;
      try { quiz = JSON.parse((s && s.getItem("hb-onboarding-quiz:" + data.plan)) || "null"); } catch (e) { quiz = null; }
      var now = new Date();
      var lines = [data.name + " · " + W.summary_title,
        W.made + "：" + now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
        W.start + "：" + (week ? dayZh(week.dates[0]) + "；" + W.day.replace("{n}", "5") + " " + dayZh(week.dates[4]) : "—"),
        W.done + "：" + done.length + " / " + data.items.length,
        W.score + "：" + (quiz ? quiz.right + " / " + quiz.total + "（" + quiz.date + "），及格线 " + quiz.pass + "%（" +
          quiz.needed + " 题）：" + (quiz.passed ? "通过" : "未通过") : W.no_score),
        W.open + "：" + (open.length ? "" : W.none)];
      open.forEach(function (it) {
        lines.push("  - " + W.day.replace("{n}", it.day) + " " + it.kind + "：" + it.title);
      });
      lines.push("", W.hire_sign + "：____________    " + W.date + "：____________",
        W.mentor_sign + "（" + data.mentor + "）：____________    " + W.date + "：____________");
      return lines.join("\n");
    }
    var make = document.getElementById("hb-summary-make");
    if (make) {
      make.addEventListener("click", function () {
        box.textContent = summary();
        box.hidden = false;
        copyBtn.disabled = false;
        printBtn.disabled = false;
        status.textContent = "";
      });
      copyBtn.addEventListener("click", function () {
        var range = document.createRange();
        range.selectNodeContents(box);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        status.textContent = ok ? W.copied : W.copy_failed;
      });
      printBtn.addEventListener("click", function () {
        document.documentElement.classList.add("hb-print-summary");
        window.print();
      });
      window.addEventListener("afterprint", function () {
        document.documentElement.classList.remove("hb-print-summary");
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Deadline calculator and table filter of the deadlines page.
 *
 * The same algorithm as macros/time/due.py and the same text as `handbook due`
 * (macros/cli/commands/due.py explain()), line for line, except that a reader
 * sees names where the CLI prints rule and question ids; the rules and the
 * holiday / make-up working-day table come from the page itself
 * (<script id="hb-calc-data">, generated at build time by the Python code),
 * so the two cannot drift apart in data. tests/test_deadline_browser.py
 * compares this calculator with the CLI. No network, no libraries.
 *
 * The page cannot compute lunar dates, so it does not port statutory.py: it
 * carries a generous horizon instead (deadlines.table_years(): 2000 to fifty
 * years after the build, each year with its source: data file, library or
 * the provisional statutory computation). A year outside that table counts
 * weekends only and the answer says so.
 */
(function () {
  "use strict";

  var WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
  var UNIT_ZH = {calendar_days: "自然日", working_days: "工作日", weeks: "周", months: "个月",
                 years: "年", same_day: "当日", next_monday: "下周一", first_day_of_next_month: "下月首日"};
  var MAX_WORKING_DAYS = 1000;
  var EXTENSION_REASON = "期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日" +
    "（民法典第二百零三条；制度未规定，这是手册的建议做法）";

  // Dates are whole days in UTC, so the visitor's time zone never shifts them.
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return iso(d) === text ? d : null;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function weekday(d) { return (d.getUTCDay() + 6) % 7; }  // Monday = 0, as in Python
  function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }
  function dayZh(d) { return iso(d) + "（" + WEEKDAYS[weekday(d)] + "）"; }
  function span(a, b) { return iso(a) === iso(b) ? iso(a) : iso(a) + " 至 " + iso(b); }
  function addMonths(d, months) {
    var index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
    var year = Math.floor(index / 12), month = index % 12;
    var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), last)));
  }

  // holidays.Calendar over the years the page carries (Calendar.table()); a
  // year outside the table counts weekends only, and says so.
  function Calendar(table) {
    this.t = table;
  }
  Calendar.prototype.year = function (y) {
    var found = this.t.years[String(y)];
    if (found) return found;
    return {source: "outside", remark: "", note: y + " 年的节假日：不在本页的节假日表（" + this.t.first_year + "–" +
      this.t.last_year + " 年）内，只按周末计算，请向手册维护者核实"};
  };
  Calendar.prototype.isWorkday = function (d) {
    var key = iso(d);
    return key in this.t.workdays || (weekday(d) <= 4 && !(key in this.t.holidays));
  };
  Calendar.prototype.describe = function (d) {
    var key = iso(d);
    if (key in this.t.workdays && weekday(d) >= 5) return "调休上班日（" + this.t.workdays[key] + "）";
    if (key in this.t.holidays) return "法定节假日（" + this.t.holidays[key] + "）";
    if (weekday(d) >= 5) return "周末";
    return "";
  };
  // holidays.Year.reader_note: the source in words, without the library's
  // name or the data file's path.
  var READER_SOURCE = {data: "国务院公布的放假和调休安排（手册已录入）", library: "国务院公布的放假和调休安排"};
  Calendar.prototype.notes = function (first, last) {
    var out = [];
    for (var y = first.getUTCFullYear(); y <= last.getUTCFullYear(); y++) {
      var year = this.year(y);
      out.push(READER_SOURCE[year.source] ? y + " 年的节假日：" + READER_SOURCE[year.source] : year.note);
    }
    return out;
  };

  function runs(cal, days) {
    var out = [];
    days.forEach(function (d) {
      var what = cal.describe(d), last = out[out.length - 1];
      if (last && last.what === what && (d - last.to) === 86400000) last.to = d;
      else out.push({from: d, to: d, what: what});
    });
    return out.map(function (r) { return "跳过 " + span(r.from, r.to) + "：" + r.what; });
  }

  function extend(cal, date, how) {
    how.push(iso(date) + " 是休息日：" + EXTENSION_REASON);
    var skipped = [], day = date;
    while (!cal.isWorkday(day)) {
      skipped.push(day);
      day = addDays(day, 1);
    }
    runs(cal, skipped).forEach(function (line) { how.push(line); });
    how.push("顺延至 " + dayZh(day));
    return day;
  }

  function workingDays(cal, start, amount, how) {
    if (amount > MAX_WORKING_DAYS) throw new Error(amount + " 个工作日超过上限 " + MAX_WORKING_DAYS + " 个");
    how.push("从 " + dayZh(start) + " 的次日起数 " + amount + " 个工作日（起算日不计），按法定节假日和调休安排");
    var day = start, counted = 0, skipped = [], makeup = [];
    while (counted < amount) {
      day = addDays(day, 1);
      if (cal.isWorkday(day)) {
        counted += 1;
        if (weekday(day) >= 5) makeup.push(day);
      } else {
        skipped.push(day);
      }
    }
    runs(cal, skipped).forEach(function (line) { how.push(line); });
    makeup.forEach(function (d) { how.push("计入 " + iso(d) + "：" + cal.describe(d)); });
    how.push("第 " + amount + " 个工作日是 " + dayZh(day));
    return day;
  }

  function compute(cal, limit, start) {
    var unit = limit.unit, amount = limit.amount, how = [], date;
    if (unit === "calendar_days") {
      date = addDays(start, amount);
      how.push(iso(start) + " 加 " + amount + " 个自然日（起算日不计，期间的周末和节假日照常计算）= " + iso(date));
    } else if (unit === "working_days") {
      date = workingDays(cal, start, amount, how);
    } else if (unit === "weeks") {
      date = addDays(start, 7 * amount);
      how.push(iso(start) + " 加 " + amount + " 周（" + 7 * amount + " 天）= " + iso(date));
    } else if (unit === "months" || unit === "years") {
      date = addMonths(start, amount * (unit === "years" ? 12 : 1));
      how.push(iso(start) + " 加 " + amount + " " + UNIT_ZH[unit] + " = " + iso(date));
      if (date.getUTCDate() !== start.getUTCDate()) {
        how.push(date.getUTCFullYear() + " 年 " + (date.getUTCMonth() + 1) + " 月没有 " + start.getUTCDate() +
          " 日，取该月最后一天");
      }
    } else if (unit === "same_day") {
      date = start;
      how.push("当日完成：截止日就是起算日 " + iso(start));
    } else if (unit === "next_monday") {
      date = addDays(start, 7 - weekday(start));
      how.push(dayZh(start) + " 之后的第一个星期一 = " + iso(date));
    } else if (unit === "first_day_of_next_month") {
      date = addMonths(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)), 1);
      how.push(start.getUTCFullYear() + " 年 " + (start.getUTCMonth() + 1) + " 月的下一个月的第一天 = " + iso(date));
    } else {
      throw new Error("未知的时限单位 '" + unit + "'");
    }
    // The first day whose calendar was consulted: each counted day, or the due date.
    var looked = unit === "working_days" ? addDays(start, 1) : date;
    var atLeast = !!limit.at_least, unextended = null, why = "";
    if (unit !== "working_days") {
      var what = cal.describe(date);
      if (cal.isWorkday(date)) {
        if (what) how.push("注意：" + iso(date) + " 是" + what + "，照常上班");
      } else if (atLeast) {
        how.push("注意：" + iso(date) + " 是" + what + "；这是下限，不顺延");
      } else if (unit === "same_day") {
        how.push("注意：" + iso(date) + " 是" + what + "；当日完成的事项不顺延");
      } else {
        unextended = date;
        why = what;
        date = extend(cal, date, how);
      }
    }
    if (atLeast) how.push("这是下限（不短于）：" + iso(date) + " 是最早可以的日期，不是截止日期");
    cal.notes(looked, date).forEach(function (line) { how.push(line); });
    var provisional = [];
    for (var y = looked.getUTCFullYear(); y <= date.getUTCFullYear(); y++) {
      if (cal.year(y).source === "statutory") provisional.push([y, cal.year(y).remark]);
    }
    return {date: date, atLeast: atLeast, how: how, unextended: unextended, why: why, provisional: provisional};
  }

  // The lines `handbook due RULE DATE` prints, without the ids: the rule and
  // the open question by name only.
  function explain(cal, rule, start) {
    var due = compute(cal, rule.limit, start);
    var lines = [(due.atLeast ? "最早日期" : "截止日期") + "：" + dayZh(due.date)];
    if (due.unextended) lines.push("未顺延的日期：" + dayZh(due.unextended) + "，" + due.why);
    due.provisional.forEach(function (p) { lines.push("暂定：" + p[0] + " 年" + p[1]); });
    lines.push("规则：" + rule.name + (rule.source.length ? "（出处：" + rule.source.join("、") + "）" : ""),
      "时限：" + rule.words,
      "起算：" + dayZh(start));
    if (rule.open_question) lines.push("待决问题：" + rule.open_question.name);
    lines.push("计算：");
    due.how.forEach(function (h) { lines.push("  " + h); });
    return lines;
  }

  // The answer as the page shows it: the due date first and large, the
  // rest as short paragraphs and a list that wrap inside the column.
  function show(out, lines) {
    out.textContent = "";
    var list = null;
    lines.forEach(function (line, i) {
      if (line.indexOf("  ") === 0) {
        if (!list) { list = document.createElement("ul"); out.appendChild(list); }
        var li = document.createElement("li");
        li.textContent = line.slice(2);
        list.appendChild(li);
        return;
      }
      var p = document.createElement("p");
      var colon = line.indexOf("：");
      if (i === 0) {
        p.className = "hb-due";
        p.appendChild(document.createTextNode(line.slice(0, colon + 1)));
        var strong = document.createElement("strong");
        strong.textContent = line.slice(colon + 1);
        p.appendChild(strong);
      } else {
        p.textContent = line;
      }
      out.appendChild(p);
    });
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // The table's filters: a row shows when it belongs to the chosen process
  // and names the chosen role; a group heading shows when a row under it does.
  function initFilter() {
    var table = document.getElementById("hb-deadlines");
    var group = document.getElementById("hb-filter-group"), role = document.getElementById("hb-filter-role");
    if (!table || !group || !role || table.dataset.ready) return;
    table.dataset.ready = "1";
    function apply() {
      var heading = null, shown = 0, any = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        if (row.classList.contains("hb-group-row")) {
          if (heading) heading.hidden = shown === 0;
          heading = row;
          shown = 0;
          return;
        }
        var ok = (!group.value || row.dataset.group.split(" ").indexOf(group.value) >= 0) &&
          (!role.value || row.dataset.roles.split(" ").indexOf(role.value) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; any += 1; }
      });
      if (heading) heading.hidden = shown === 0;
      document.getElementById("hb-deadlines-none").hidden = any > 0;
    }
    group.addEventListener("change", apply);
    role.addEventListener("change", apply);
    apply();
  }

  function init() {
    var form = document.getElementById("hb-calc"), dataEl = document.getElementById("hb-calc-data");
    if (!form || !dataEl || form.dataset.ready) return;
    form.dataset.ready = "1";
    var data = JSON.parse(dataEl.textContent), cal = new Calendar(data.holidays), rules = {};
    data.rules.forEach(function (r) { rules[r.id] = r; });
    var ruleEl = document.getElementById("hb-calc-rule"), dateEl = document.getElementById("hb-calc-date");
    var out = document.getElementById("hb-calc-out");
    function run() {
      var rule = rules[ruleEl.value], start = parse(dateEl.value);
      if (!rule || !start) {
        out.textContent = "请选择起算日期（年-月-日）。";
        out.dataset.state = "error";
        return;
      }
      try {
        show(out, explain(cal, rule, start));
        out.dataset.state = "ok";
      } catch (e) {
        out.textContent = e.message;
        out.dataset.state = "error";
      }
    }
    document.getElementById("hb-calc-go").addEventListener("click", run);
    ruleEl.addEventListener("change", function () { if (dateEl.value) run(); });
    dateEl.addEventListener("change", run);
    var hash = /^#rule=([^&]+)(?:&date=(\d{4}-\d{2}-\d{2}))?$/.exec(location.hash);
    if (hash && rules[decodeURIComponent(hash[1])]) {
      // A link may name any place that states the rule; the picker lists
      // each rule once, under the place the table shows it.
      var wanted = decodeURIComponent(hash[1]);
      Array.prototype.forEach.call(ruleEl.options, function (o) {
        if (o.value === wanted || (o.dataset.also || "").split(" ").indexOf(wanted) >= 0) ruleEl.value = o.value;
      });
      if (hash[2]) dateEl.value = hash[2];
    }
    // A sensible default: the preselected rule (日报) counted from today, so
    // the page answers before anyone touches it.
    if (!dateEl.value) dateEl.value = today();
    run();
  }

  // Material's instant navigation swaps pages without a load event.
  function start() { init(); initFilter(); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

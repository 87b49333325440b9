/* The calendar page's "未来 30 天": picked in the browser from today's date
 * out of the dates the build wrote into <script id="hb-upcoming-data"> (the
 * same dates the .ics feeds hold, holiday corrections included), so the view
 * stays current between builds until the data's horizon. No network. */
(function () {
  "use strict";
  var WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
  var DAYS = 30;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function render(box, data, role) {
    var now = new Date(), from = iso(now);
    var end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + DAYS - 1), to = iso(end);
    var mine = function (item) { return !role || item.roles.length === 0 || item.roles.indexOf(role) >= 0; };
    box.textContent = "";
    box.appendChild(el("p", "今天是 " + from + "，下面是到 " + to + " 为止的安排。"));
    var daily = data.daily.filter(mine);
    if (daily.length) {
      var p = el("p", "", "hb-daily");
      p.appendChild(el("strong", "每个工作日："));
      p.appendChild(document.createTextNode(daily.map(function (d) {
        return d.what + "（" + d.who + "）";
      }).join("；")));
      box.appendChild(p);
    }
    var events = data.events.filter(function (e) { return e.date >= from && e.date <= to && mine(e); });
    if (from > data.until) {
      box.appendChild(el("p", "本页的日期只算到 " + data.until + "，请手册维护者重新发布网站。", "hb-warn"));
    } else if (!events.length) {
      box.appendChild(el("p", "未来 30 天没有其他安排。"));
    }
    var list = el("ul", "", "hb-upcoming-list"), day = null, items = null;
    events.forEach(function (e) {
      if (e.date !== day) {
        day = e.date;
        var d = new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
        var li = el("li");
        li.appendChild(el("strong", (d.getMonth() + 1) + " 月 " + d.getDate() + " 日 " + WEEKDAYS[d.getDay()] +
          (day === from ? "（今天）" : "")));
        items = el("ul");
        li.appendChild(items);
        list.appendChild(li);
      }
      items.appendChild(el("li", (e.at ? e.at + " " : "") + e.what + "（" + e.who + "）"));
    });
    if (events.length) box.appendChild(list);
  }

  function init() {
    var box = document.getElementById("hb-upcoming"), dataEl = document.getElementById("hb-upcoming-data");
    var role = document.getElementById("hb-upcoming-role");
    if (!box || !dataEl || box.dataset.ready) return;
    box.dataset.ready = "1";
    var data = JSON.parse(dataEl.textContent);
    render(box, data, role ? role.value : "");
    if (role) role.addEventListener("change", function () { render(box, data, role.value); });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

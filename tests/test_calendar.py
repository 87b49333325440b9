"""The iCalendar feeds: they parse, hold every recurring obligation of the
data, recur as the data says, and are byte-identical from build to build."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from icalendar import Calendar, vRecur

from conftest import ROOT, copy_shipped
from macros.outputs.calendar import feeds
from macros.cli.main import main
from macros.outputs.compose import load

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
PERIOD_UNITS = ("day", "week", "month", "quarter", "year")


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    return result


def _recurring_values(node, path=()):
    """Every cycle-shaped mapping ({interval, unit: day..year}) under any key,
    and every role's rotation period, found by a plain walk of the YAML
    (independent of the schema walk the code uses)."""
    if isinstance(node, dict):
        if isinstance(node.get("interval"), int) and node.get("unit") in PERIOD_UNITS:
            yield path, node
            return
        for key, value in node.items():
            if key == "period" and path and path[-1] == "rotation":
                yield path + (key,), value
            else:
                yield from _recurring_values(value, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _recurring_values(item, path + (i,))


def _expected_count(result):
    return sum(1 for doc in result.model.docs for _ in _recurring_values(doc.data))


def _events(data: bytes):
    cal = Calendar.from_ical(data)
    return cal, [c for c in cal.walk("VEVENT")]


@pytest.fixture(scope="module")
def written(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds")
    return out, feeds.write_feeds(shipped, out)


def test_department_feed_holds_every_recurring_obligation(shipped, written):
    out, counts = written
    cal, events = _events((out / "department.ics").read_bytes())
    assert len(events) == _expected_count(shipped) == counts["department.ics"]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for e in events:
        assert "RRULE" in e and "DTSTAMP" in e and "DTSTART" in e and str(e["SUMMARY"])
        assert str(e["UID"]).endswith("@xueji-handbook")
    tz = [str(t["TZID"]) for t in cal.walk("VTIMEZONE")]
    assert tz == ["Asia/Shanghai"]


def test_timed_events_are_in_shanghai_time(written):
    out, _ = written
    data = (out / "department.ics").read_text(encoding="utf-8")
    _, events = _events(data.encode())
    timed = [e for e in events if isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert timed, "meetings are timed events"
    for e in timed:
        assert e.decoded("DTSTART").tzinfo is not None
        assert "DTSTART;TZID=Asia/Shanghai:" in data


def test_the_policy_obligations_are_all_there(written):
    out, _ = written
    _, events = _events((out / "department.ics").read_bytes())
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    for word in ("周会", "双周会", "季度战略会", "日报", "周报", "月报", "演练", "审计", "合规培训", "授权", "轮岗"):
        assert word in summaries, word


def test_occurrences_match_the_cycle(shipped):
    """Expanding each RRULE over two years gives as many occurrences as the
    cycle asks for (e.g. 合规培训 at least twice a year, 季度 eight times)."""
    obs, problems = feeds.obligations(shipped)
    assert problems == []
    for o in obs:
        if o.series.exdates or o.series.rdates:
            continue  # corrected for holidays: see test_working_day_series_follow_the_holidays
        unit, n, times = o.cycle["unit"], o.cycle.get("interval", 1), o.cycle.get("times", 1)
        start = dt.datetime.combine(o.series.start, dt.time())
        rule = rrulestr(_rrule_text(o), dtstart=start)
        if unit in PERIOD_MONTHS:
            months = max(24, 2 * PERIOD_MONTHS[unit] * n)
            end = start.replace(day=1) + relativedelta(months=months)  # whole periods only
            expected = months // (PERIOD_MONTHS[unit] * n) * times
        elif unit == "week":
            end, expected = start + dt.timedelta(weeks=104), 104 // n * times
        else:
            end, expected = start + dt.timedelta(days=728), 728 // n
        got = len(list(rule.between(start, end, inc=False))) + 1  # + the start itself
        assert got == expected, (o.id, o.cycle, got, expected)


def _rrule_text(o):
    from icalendar import vRecur
    return vRecur(o.series.rrule).to_ical().decode()


def test_role_feeds_carry_what_the_role_is_named_in(shipped, written):
    out, counts = written
    internal = [r.id for r in shipped.model.all("role") if r.get("kind") == "internal"]
    for role_id in internal:
        assert f"{role_id}.ics" in counts
    roles = {r.id for r in shipped.model.all("role")}
    for meeting in shipped.model.all("meeting"):
        named = set()
        for key in ("chair", "chairs", "participants", "invited"):
            value = meeting.get(key, [])
            named |= {value} if isinstance(value, str) else set(value)
        assert named & roles, meeting.id
        for role_id in named & roles:
            _, events = _events((out / f"{role_id}.ics").read_bytes())
            assert f"cycle.{meeting.id}@xueji-handbook" in {str(e["UID"]) for e in events}, (meeting.id, role_id)
    for name, count in counts.items():
        assert len(_events((out / name).read_bytes())[1]) == count


def test_no_empty_feed_is_written_or_linked(shipped, written):
    """Red-team F18: crisis-team.ics had no component (RFC 5545 3.4 needs one)."""
    out, counts = written
    assert "crisis-team.ics" not in counts and not (out / "crisis-team.ics").exists()
    assert all(count > 0 for count in counts.values())


def test_feeds_are_reproducible(shipped, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    feeds.write_feeds(shipped, tmp_path / "a")
    feeds.write_feeds(shipped, tmp_path / "b")
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    feeds.write_feeds(shipped, tmp_path / "c")
    assert b"DTSTAMP:20260101T000000Z" in (tmp_path / "c" / "department.ics").read_bytes()


def test_calendar_command(tmp_path, capsys):
    assert main(["calendar", str(ROOT), "--out", str(tmp_path / "cal")]) == 0
    out = capsys.readouterr().out
    assert "department.ics:" in out and (tmp_path / "cal" / "department.ics").exists()


def test_working_day_series_follow_the_holidays():
    """A daily report due the next working day is due on every working day:
    around 国庆 2026 that skips 10-01..10-07 and includes Saturday 10-10."""
    from macros.time import holidays, recurrence
    s = recurrence.series({"interval": 1, "unit": "day"}, dt.date(2026, 1, 19),
                          {"amount": 1, "unit": "working_days", "from": "report_day_end"},
                          holidays.default(), dt.date(2027, 12, 31))
    rule = rrulestr(vRecur(s.rrule).to_ical().decode(), dtstart=dt.datetime.combine(s.start, dt.time()))
    window = (dt.datetime(2026, 9, 27), dt.datetime(2026, 10, 13))
    dates = {d.date() for d in rule.between(*window)} - set(s.exdates) | {
        d for d in s.rdates if window[0].date() < d < window[1].date()}
    assert sorted(d.isoformat() for d in dates) == [
        "2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"]
    assert dt.date(2026, 9, 20) in s.rdates  # the make-up Sunday before 国庆


def test_feed_writes_the_holiday_corrections(written, shipped):
    out, _ = written
    obs, _ = feeds.obligations(shipped)
    corrected = [o for o in obs if o.series.exdates]
    _, events = _events((out / "department.ics").read_bytes())
    by_uid = {str(e["UID"]): e for e in events}
    for o in corrected:
        assert "EXDATE" in by_uid[o.uid] and "RDATE" in by_uid[o.uid]


def _occurrences(o, first, last):
    """The feed's dates of `o` between first and last: RRULE - EXDATE + RDATE."""
    rule = rrulestr(_rrule_text(o), dtstart=dt.datetime.combine(o.series.start, dt.time()))
    dates = {d.date() for d in rule.between(dt.datetime.combine(first, dt.time()),
                                             dt.datetime.combine(last, dt.time()), inc=True)}
    return sorted((dates - set(o.series.exdates)) | {d for d in o.series.rdates if first <= d <= last})


def test_corrections_reach_the_end_of_next_year_with_provisional_2027(shipped):
    """The build date of the shipped data is 2026-11-29 (its newest review), so
    the corrections run through 2027-12-31; 2027 is the provisional statutory
    computation (chinesecalendar 1.11.0 stops at 2026)."""
    obs = {o.id: o for o in feeds.obligations(shipped)[0]}
    daily, weekly, monthly = obs["daily-report"], obs["weekly-report"], obs["monthly-report"]
    assert daily.series.corrected_until == dt.date(2027, 12, 31)
    # 元旦 2027 (Friday) is no due date of the daily report; 春节 2027-02-05..08 neither.
    assert _occurrences(daily, dt.date(2026, 12, 30), dt.date(2027, 1, 5)) == [
        dt.date(2026, 12, 30), dt.date(2026, 12, 31), dt.date(2027, 1, 4), dt.date(2027, 1, 5)]
    assert _occurrences(daily, dt.date(2027, 2, 3), dt.date(2027, 2, 10)) == [
        dt.date(2027, 2, 3), dt.date(2027, 2, 4), dt.date(2027, 2, 9), dt.date(2027, 2, 10)]
    # 月报 due 1 January 2027 (元旦) moves to Monday 4 January; 1 May 2027 (劳动节, Saturday) to 3 May.
    assert _occurrences(monthly, dt.date(2026, 12, 25), dt.date(2027, 1, 10)) == [dt.date(2027, 1, 4)]
    assert _occurrences(monthly, dt.date(2027, 4, 25), dt.date(2027, 5, 10)) == [dt.date(2027, 5, 3)]
    # 周报 due Monday 2027-04-05 (清明) moves to Tuesday.
    assert _occurrences(weekly, dt.date(2027, 4, 4), dt.date(2027, 4, 7)) == [dt.date(2027, 4, 6)]
    assert "2027" in " ".join(str(y) for y in daily.series.provisional)
    assert "已按节假日和调休校正" in daily.series.words and "暂定" in daily.series.words
    # after the horizon the plain pattern runs on, uncorrected
    assert not [d for d in daily.series.exdates + daily.series.rdates if d.year > 2028]


def test_the_feed_says_how_far_it_is_corrected(written):
    out, _ = written
    _, events = _events((out / "department.ics").read_bytes())
    daily = next(e for e in events if str(e["UID"]) == "cycle.daily-report@xueji-handbook")
    text = str(daily["DESCRIPTION"])
    assert "截止日期已按节假日和调休校正至 2027-12-31，之后的日期未校正；" in text
    assert "2027、2028 年暂按法定节假日计算，调休安排待国务院公布。" in text
    exdates = {d.dt for x in (daily["EXDATE"] if isinstance(daily["EXDATE"], list) else [daily["EXDATE"]])
               for d in x.dts}
    assert dt.date(2027, 1, 1) in {d if isinstance(d, dt.date) else d.date() for d in exdates}


def test_the_horizon_follows_the_build_date(shipped, monkeypatch):
    """SOURCE_DATE_EPOCH is the build's clock: a build dated mid-2027 corrects
    through 2028; the same epoch gives the same feed."""
    from macros.time import holidays, recurrence, stamp
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1811808000")  # 2027-06-01T00:00:00Z
    assert stamp.horizon(shipped.model) == dt.date(2028, 12, 31)
    s = recurrence.series({"interval": 1, "unit": "day"}, dt.date(2026, 1, 19),
                          {"amount": 1, "unit": "working_days"}, holidays.default(), stamp.horizon(shipped.model))
    assert dt.date(2028, 10, 2) in s.exdates  # 国庆 2028, computed
    assert s.provisional == (2027, 2028, 2029)  # 2028-12-29 (Friday) is due 2029-01-02 (元旦 Monday)


def test_events_point_at_the_handbook_page_never_at_ids_or_files(shipped, written):
    """Issue 18: an event's description and category are for the reader of a
    calendar app: the page that states it, no rule id, no data file."""
    out, _ = written
    ids = {e.id for es in shipped.model.by_kind.values() for e in es.values()}
    for ics in sorted(out.glob("*.ics")):
        _, events = _events(ics.read_bytes())
        for ev in events:
            text = str(ev["DESCRIPTION"]) + " " + " ".join(str(c) for c in ev["CATEGORIES"].cats)
            assert not re.search(r"data/|\.ya?ml|规则：", text), (ics.name, text)
            leaked = {w for w in re.findall(r"[a-z][a-z0-9.-]+", text) if w in ids}
            # the page's path is an address (it may spell an id); nothing else may
            path = re.search(r"手册页面：(\S+)", text)
            assert path, (ics.name, str(ev["SUMMARY"]))
            assert leaked <= set(re.findall(r"[a-z][a-z0-9.-]+", path.group(1))), (ics.name, leaked)
    daily = next(e for e in _events((out / "department.ics").read_bytes())[1]
                 if str(e["UID"]) == "cycle.daily-report@xueji-handbook")
    assert "手册页面：/documents/reports/#report-daily-report" in str(daily["DESCRIPTION"])
    assert "URL" not in daily  # no site address configured: no link a calendar could open


def test_with_a_site_address_events_link_to_the_page(tmp_path):
    from macros.outputs.calendar.feeds import write_feeds
    root = copy_shipped(tmp_path)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("site_url: https://handbook.example.edu.cn/xueji\n")
    write_feeds(load(root), tmp_path / "feeds")
    daily = next(e for e in _events((tmp_path / "feeds" / "department.ics").read_bytes())[1]
                 if str(e["UID"]) == "cycle.daily-report@xueji-handbook")
    assert str(daily["URL"]) == "https://handbook.example.edu.cn/xueji/documents/reports/#report-daily-report"
    assert "手册页面：https://handbook.example.edu.cn/xueji/documents/reports/#report-daily-report" in str(daily["DESCRIPTION"])


def test_nouns_become_events_in_the_calendar(shipped):
    """A KPI or a risk is a noun: its monthly or quarterly entry says what
    is done with it (考核, 复核), not 「合规性」 or 「学籍数据错漏·周期」 alone."""
    obs, _ = feeds.obligations(shipped)
    by_kind = {}
    for o in obs:
        by_kind.setdefault(o.kind, set()).add(o.summary)
    assert "KPI「错漏率」考核" in by_kind["kpi"]
    assert "风险「学籍数据错漏」复核" in by_kind["risk"]
    assert not [s for s in by_kind["kpi"] | by_kind["risk"] if "·" in s]

"""iCalendar feeds of the recurring obligations: one for the department, one per role.

Every `cycle` in the data becomes one recurring event (RRULE); a deadline
that reopens (a rotation window, see RECURRING_DEADLINE_FIELDS) does too.
UIDs come from the rule ids (timelimits.py), DTSTAMP from stamp.build_stamp(),
and events are sorted, so the same data gives byte-identical feeds.

Who gets what: an obligation goes into the feed of every role its entity
names (chair, owner, submitted_by/to ...; for a field such as permissions.yml
`review`, the roles of the meeting it names). One that names no role is
department-wide and goes into every internal role's feed.
"""
from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from macros.core.dates import gap_days
from macros.time import holidays, recurrence, stamp
from macros.model import timelimits
from macros.load.problems import Problem
from macros.core.text import ics_text
from macros.core import words
from macros.model.routes import shown, target
from macros.outputs import provenance
from macros.outputs.site.render.links import address
from macros.outputs.site.site_config import site_url

TZID = "Asia/Shanghai"
UID_DOMAIN = "xueji-handbook"
PRODID = "-//xueji-handbook//学籍手册//ZH"
# Deadlines (by dotted field path inside their entity) that reopen every
# period: the window in which one may apply again.
RECURRING_DEADLINE_FIELDS = ("rotation.period",)
# Entity kinds held at a time of day, with their length in minutes; every
# other obligation is an all-day event.
TIMED_KINDS = {"meeting": 60}
# Time slots for timed events, given to the most frequent first so that a
# weekly, a fortnightly and a quarterly meeting on the same Monday don't clash.
SLOTS = (dt.time(9, 0), dt.time(10, 30), dt.time(14, 0), dt.time(15, 30), dt.time(16, 30))
FEEDS_DIR = "calendar"


@dataclass(frozen=True)
class Obligation:
    id: str  # rule id (timelimits.py)
    uid: str
    name: str
    kind: str  # the owning entity's kind, or the file stem
    cycle: dict
    deadline: dict | None
    series: recurrence.Series
    roles: tuple  # role ids whose feeds carry it (empty: department-wide)
    responsible: tuple
    source: tuple
    file: str
    line: int
    minutes: int = 0  # > 0: a timed event of that length
    at: dt.time | None = None
    window: bool = False  # a recurring deadline: the date it may be done again
    page: str = ""  # the handbook page (docs-relative, with anchor) that states it
    owner: str = ""  # the owning entity's name ("" for a value at the top of a file)

    @property
    def summary(self) -> str:
        if self.owner and self.kind in words.EVENT_NAME:
            return words.EVENT_NAME[self.kind].format(name=self.owner)
        if self.series.due:
            return f"{self.name}截止"
        if self.window:
            return f"{self.name}：期满可办理"
        return self.name


def obligations(result) -> tuple[list[Obligation], list[Problem]]:
    """Every recurring obligation in the data, sorted by id, plus a problem
    for each cycle that cannot be written as a calendar recurrence."""
    return result.model.view(model_obligations)


def model_obligations(model):
    """obligations() for a model: a derived view (`model.view`), computed
    once per model, so the role pages and the feeds share it."""
    deadlines, cycles = timelimits.find(model)
    anchor = stamp.effective_date(model)
    cal, until = model.view(holidays.for_model), stamp.horizon(model)
    out, problems = [], []
    roles = {r.id for r in model.all("role")}
    items = [(c, c.value, _paired(c, deadlines), "cycle") for c in cycles]
    for d in deadlines:
        rel = ".".join(str(k) for k in d.path[len(d.entity.path):]) if d.entity else ""
        if rel in RECURRING_DEADLINE_FIELDS:
            cyc = recurrence.from_deadline(d.value)
            if cyc:
                items.append((d, cyc, d.value, "window"))
    for found, cyc, deadline, prefix in items:
        try:
            series = recurrence.series(cyc, anchor, deadline if prefix == "cycle" else None, cal, until)
        except recurrence.SeriesError as exc:
            problems.append(Problem(found.file, found.line, 1, f"cannot put '{found.id}' in the calendar: {exc}",
                                    rule="calendar"))
            continue
        involved = tuple(r for r in timelimits.roles_involved(model, found) if r in roles)
        out.append(Obligation(
            id=found.id, uid=f"{prefix}.{found.id}@{UID_DOMAIN}", name=found.name, kind=found.owner_kind,
            cycle=cyc, deadline=deadline, series=series, roles=involved,
            responsible=tuple(r for r in timelimits.responsible(found) if r in roles),
            source=tuple(found.source), file=found.file, line=found.line,
            minutes=TIMED_KINDS.get(found.owner_kind, 0), window=prefix == "window",
            page=_page_of(model, found), owner=found.entity.name if found.entity is not None else ""))
    out = _give_slots(out)
    return sorted(out, key=lambda o: o.uid), problems


def _page_of(model, found) -> str:
    """The page that states an obligation: its entity's; for a value set at
    the top of a file (permissions.yml's yearly review), the page of the
    file's entities."""
    if found.entity is not None:
        return target(found.entity) if shown(found.entity) else ""
    same_file = (e for es in model.by_kind.values() for e in es.values()
                 if e.doc.file == found.file and not e.parent and shown(e))
    first = next(same_file, None)
    return target(first).partition("#")[0] if first is not None else ""


def _paired(cycle, deadlines):
    """The deadline that is this cycle's own (a report's `deadline` beside its
    `cycle`: 次日); another limit in the same entity (an audit's rectification)
    starts from some other event and is not paired."""
    for d in deadlines:
        if d.container is cycle.container and d.id == cycle.id:
            return d.value
    return None


def _give_slots(obs):
    timed = sorted((o for o in obs if o.minutes),
                   key=lambda o: (gap_days(o.cycle), o.id))
    slot = {o.uid: SLOTS[min(i, len(SLOTS) - 1)] for i, o in enumerate(timed)}
    return [Obligation(**{**o.__dict__, "at": slot.get(o.uid)}) for o in obs]


def feed_roles(result, obs) -> list[str]:
    """Roles that get a feed: every internal or temporary role, and any other
    role an obligation names (the CEO invited to the strategy meeting)."""
    named = {r for o in obs for r in o.roles}
    # A VCALENDAR needs at least one component (RFC 5545 3.4): a role with no
    # event of its own (the crisis team) gets no feed and no link.
    return [r.id for r in result.model.all("role")
            if (r.get("kind") in ("internal", "temporary") or r.id in named) and for_role(result, obs, r.id)]


def for_role(result, obs, role_id) -> list[Obligation]:
    role = result.model.get("role", role_id)
    everyone = role is not None and role.get("kind") == "internal"
    return [o for o in obs if role_id in o.roles or (not o.roles and everyone)]


def feed(result, obs, title: str) -> bytes:
    """One VCALENDAR with a VTIMEZONE for Asia/Shanghai and an event per obligation."""
    from icalendar import Calendar, Event

    names = {r.id: r.name for r in result.model.all("role")}
    tz = zoneinfo.ZoneInfo(TZID)
    dtstamp = stamp.build_stamp(result.model)
    # The handbook version every web page and PDF carries: a reader can tell
    # which handbook a subscribed feed was published from.
    version = provenance.of_result(result).version
    site = site_url(result.root)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", TZID)
    cal.add("x-wr-caldesc", f"学籍手册 · 手册版本 {version}")
    for o in obs:
        ev = Event()
        ev.add("uid", o.uid)
        ev.add("dtstamp", dtstamp)
        ev.add("summary", ics_text(o.summary))
        if o.minutes:
            ev.add("dtstart", dt.datetime.combine(o.series.start, o.at, tzinfo=tz))
            ev.add("duration", dt.timedelta(minutes=o.minutes))
        else:
            ev.add("dtstart", o.series.start)
            ev.add("duration", dt.timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        ev.add("rrule", o.series.rrule)
        if o.series.exdates:
            ev.add("exdate", list(o.series.exdates))
        if o.series.rdates:
            ev.add("rdate", list(o.series.rdates))
        ev.add("categories", [words.kind(o.kind)])
        address = handbook_address(o, site)
        if address.startswith("http"):
            ev.add("url", address)
        ev.add("description", ics_text(describe(o, names, address) + f"\n手册版本 {version}"))
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def handbook_address(o: Obligation, site: str) -> str:
    """Where the handbook states the obligation, as a calendar app shows it:
    the full URL when the site's address is configured, else its path on
    the site (a reader of an event cannot use a rule id or a data file)."""
    return address(o.page, site) if o.page else ""


def describe(o: Obligation, names: dict, address: str = "") -> str:
    lines = [f"{o.name}：{o.series.words}"]
    if o.responsible:
        lines.append("负责：" + "、".join(names.get(r, r) for r in o.responsible))
    if o.source:
        lines.append("出处：学籍管理制度 " + "、".join(o.source))
    if address:
        lines.append(f"手册页面：{address}")
    lines.append("具体日期按手册的排期约定（制度只规定频率），以主管通知为准。")
    s = o.series
    if s.corrected_until:
        text = f"截止日期已按节假日和调休校正至 {s.corrected_until.isoformat()}，之后的日期未校正"
        if s.provisional:
            years = "、".join(str(y) for y in s.provisional)
            text += f"；{years} 年{holidays.PROVISIONAL}"
        lines.append(text + "。")
    return "\n".join(lines)


def write_feeds(result, out_dir: Path) -> dict:
    """Write department.ics and <role>.ics into out_dir; {file name: event count}."""
    obs, problems = obligations(result)
    if problems:
        raise CalendarError(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    org = result.model.all("organisation")
    dept = org[0].name if org else "部门"
    written = {"department.ics": len(obs)}
    (out_dir / "department.ics").write_bytes(feed(result, obs, f"{dept}·全部"))
    names = {r.id: r.name for r in result.model.all("role")}
    for role_id in feed_roles(result, obs):
        mine = for_role(result, obs, role_id)
        (out_dir / f"{role_id}.ics").write_bytes(feed(result, mine, f"{dept}·{names[role_id]}"))
        written[f"{role_id}.ics"] = len(mine)
    return written


def occurrences(series: recurrence.Series, until: dt.date) -> list[dt.date]:
    """The dates a series falls on, from its first through `until`: its
    RRULE with the holiday corrections applied, exactly as a calendar
    program reads the feed (the calendar page's next 30 days, the role
    pages' next dates)."""
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    rule = vRecur(series.rrule).to_ical().decode()
    start = dt.datetime.combine(series.start, dt.time())
    days = {d.date() for d in rrulestr(rule, dtstart=start).between(start, dt.datetime.combine(until, dt.time()), inc=True)}
    days -= {d if isinstance(d, dt.date) and not isinstance(d, dt.datetime) else d.date() for d in series.exdates}
    days |= {d if not isinstance(d, dt.datetime) else d.date() for d in series.rdates if
             (d if not isinstance(d, dt.datetime) else d.date()) <= until}
    return sorted(days)


class CalendarError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))

"""A print document rendered in parts and joined: the handbook copy.

The whole copy holds every process, so as one document any data edit would
render all of it again (its layout is most of an edit build's time). As
parts it is:

    front    cover, document control, contents (one document)
    body     one document per chapter, in order
    numbers  one empty page per page of the copy, with only the footer's
             "第 N 页 / 共 M 页", drawn over the joined pages

Each part is a print document like any other, cached by its HTML
(print/cache.py): an edit renders again only the chapter holding it. The
chapters carry no page number at all (each starts on a new page, and the
numbers layer numbers the pages), so a chapter's bytes never depend on the
others. The front is rendered last: its contents print each chapter's
page, read from the chapters' PDFs (their named destinations), and the
links in the contents point at those destinations in the joined copy.
Those page numbers need the front's own page count: a probe, the front
with the numbers left blank, renders beside the chapters and gives it (the
numbers do not change how many pages the contents take; if they ever do,
the front is rendered again with the count it really has).

The joined copy is cached too, under a key over its parts' keys, so a build
that changed nothing joins nothing; a clean and an incremental build give
the same bytes (the same parts, joined the same way).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from macros.core import atomic
from macros.outputs.print import cache as pdfcache

# The contents' page numbers depend on the front's page count, so the
# front is rendered again until the count it was numbered for is the count
# it has (the probe's count is the first guess, and is right unless a
# number's width changes the contents' length).
FRONT_TRIES = 4


class AssemblyError(Exception):
    """The parts did not fit together (a contents anchor no chapter holds, or
    a front whose page count does not settle)."""


@dataclass(frozen=True)
class Assembly:
    body: tuple  # Jobs, one per chapter, in order; rendered in the pool
    front: Callable[[dict], str]  # {anchor: page number} -> the front's HTML
    numbers: Callable[[int], str]  # page count of the copy -> the numbers layer's HTML
    anchors: tuple  # what the contents number
    probe: object  # a Job: the front with the page numbers blank

    def jobs(self) -> tuple:
        """What renders in the pool, beside every other document."""
        return self.body + (self.probe,)


def from_template(name: str, template, common: dict, bodies: list[dict], anchors, job, **front):
    """The print job `name` in parts of one template, which renders its
    part="body" (once per dict of `bodies`, each one part), part="front"
    (given `page`: {anchor: page number} and `front`) and part="pages"
    (given `total`). `job(name, html, assembly=None)` is the Job class."""
    body = tuple(job(f"{name}#{n}", template.render(common, part="body", **b)) for n, b in enumerate(bodies, 1))

    def front_html(page: dict) -> str:
        return template.render(common, part="front", page=page, **front)

    def numbers(total: int) -> str:
        return template.render(common, part="pages", total=total)

    anchors = tuple(anchors)
    probe = job(f"{name}#front", front_html(dict.fromkeys(anchors, "")))
    whole = probe.html + "".join(j.html for j in body)  # what the document says, in order
    return job(name, whole, Assembly(body, front_html, numbers, anchors, probe))


@dataclass
class Joined:
    key: str  # the joined copy's cache key
    pages: int
    seconds: float  # rendering the front and the numbers (the chapters are counted apart)
    used: set  # every cache key this assembly read or wrote


def assemble(name: str, assembly: Assembly, keys: dict, cache: pdfcache.Cache, setting: str, render) -> Joined:
    """Render the front and the numbers layer when not stored, and join.

    `keys` are the cache keys of assembly.jobs(), all already stored;
    `render(jobs)` renders [(name, html, target)] (on the workers) and
    returns [(pages, seconds)]."""
    body_keys = [keys[j.name] for j in assembly.body]
    from pypdf import PdfReader
    readers = [PdfReader(cache.pdf(k)) for k in body_keys]
    where, offset = {}, 0
    for reader in readers:  # anchor -> page index in the joined body
        for anchor, dest in reader.named_destinations.items():
            where.setdefault(anchor, offset + reader.get_destination_page_number(dest))
        offset += len(reader.pages)
    missing = [a for a in assembly.anchors if a not in where]
    if missing:
        raise AssemblyError(f"{name}: the contents name anchors no chapter holds: {', '.join(missing)}")
    used, seconds = set(keys.values()), 0.0

    def stored(*docs) -> list:
        """[(key, pages)] of [(label, html)], rendering what is not stored, together."""
        nonlocal seconds
        out = [(pdfcache.key(html, setting), label, html) for label, html in docs]
        used.update(k for k, _, _ in out)
        todo = [(label, html, str(cache.pdf(k))) for k, label, html in out if cache.get(k) is None]
        for (_, _, target), (pages, took) in zip(todo, render(todo) if todo else []):
            cache.remember_pages(Path(target).stem, pages)
            seconds += took
        return [(k, cache.get(k)) for k, _, _ in out]

    front_pages = cache.get(keys[assembly.probe.name])
    for _ in range(FRONT_TRIES):
        # The numbers layer renders beside the front, for the page count the front should have.
        (front_key, got), (numbers_key, _) = stored(
            (f"{name} (front)", assembly.front({a: front_pages + where[a] + 1 for a in assembly.anchors})),
            (f"{name} (page numbers)", assembly.numbers(front_pages + offset)))
        if got == front_pages:
            break
        front_pages = got
    else:
        raise AssemblyError(f"{name}: the front's page count does not settle ({front_pages})")
    total = front_pages + offset

    # Bump "joined v1" when join() changes what it writes.
    key = hashlib.sha256("\0".join(["joined v1", setting, front_key, *body_keys, numbers_key]).encode()).hexdigest()
    used.add(key)
    if cache.get(key) is None:
        try:
            atomic.write(cache.pdf(key), lambda tmp: join(cache.pdf(front_key), readers, cache.pdf(numbers_key), tmp))
        except AssemblyError as exc:  # say which document: several are joined
            raise AssemblyError(f"{name}: {exc}") from None
        cache.remember_pages(key, total)
    return Joined(key, total, seconds, used)


def join(front: Path, body: list, numbers: Path, target: str):
    """Front, then the chapters, with the numbers layer drawn over every page.

    Keeps what the single document had: the outline (each part's own, in
    order), the named destinations and the contents' links to them, the
    title, dates and language. Writes no random file identifier, so the
    bytes follow from the parts alone."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject
    writer = PdfWriter()
    head = PdfReader(front)
    # The front's own anchors are placeholders that only made the renderer
    # write the contents' links: the chapters' destinations are the real ones.
    head.root_object.pop(NameObject("/Names"), None)
    writer.append(head)
    for reader in body:
        writer.append(reader)
    # The links were dropped while their targets were not yet in the copy.
    for i, page in enumerate(head.pages):
        links = [a.get_object().clone(writer).indirect_reference for a in page.get("/Annots") or []]
        if links:
            writer.pages[i][NameObject("/Annots")] = ArrayObject(links)
    layer = PdfReader(numbers)
    if len(layer.pages) != len(writer.pages):
        raise AssemblyError(f"the page numbers have {len(layer.pages)} pages for {len(writer.pages)}")
    for page, over in zip(writer.pages, layer.pages):
        page.merge_page(over)
        page.compress_content_streams()
    writer.add_metadata(dict(head.metadata or {}))
    if "/Lang" in head.root_object:
        writer.root_object[NameObject("/Lang")] = head.root_object["/Lang"].clone(writer)
    with open(target, "wb") as out:
        writer.write(out)

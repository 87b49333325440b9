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

The joined copy is cached too, under a key over its parts' keys, so a build
that changed nothing joins nothing; a clean and an incremental build give
the same bytes (the same parts, joined the same way).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from macros.outputs.print import cache as pdfcache

# The front has at least a cover, the document control and the contents,
# each on its own page: where the page count of the front is first guessed.
# The contents' page numbers depend on it, so the front is rendered again
# until the count it was numbered for is the count it has.
FRONT_PAGES = 3
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


@dataclass
class Joined:
    key: str  # the joined copy's cache key
    pages: int
    seconds: float  # rendering the front and the numbers (the chapters are counted apart)
    used: set  # every cache key this assembly read or wrote


def assemble(name: str, assembly: Assembly, body_keys: list[str], cache: pdfcache.Cache,
             setting: str, render) -> Joined:
    """Render the front and the numbers layer when not stored, and join.

    `body_keys` are the chapters' keys, already in the cache; `render(name,
    html, target)` renders one document into `target` and returns (pages,
    seconds)."""
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
    used, seconds = set(body_keys), 0.0

    def stored(html: str, label: str) -> tuple[str, int]:
        nonlocal seconds
        key = pdfcache.key(html, setting)
        used.add(key)
        pages = cache.get(key)
        if pages is None:
            pages, took = render(label, html, str(cache.pdf(key)))
            cache.remember_pages(key, pages)
            seconds += took
        return key, pages

    front_pages = FRONT_PAGES
    for _ in range(FRONT_TRIES):
        numbers = {a: front_pages + where[a] + 1 for a in assembly.anchors}
        front_key, got = stored(assembly.front(numbers), f"{name} (front)")
        if got == front_pages:
            break
        front_pages = got
    else:
        raise AssemblyError(f"{name}: the front's page count does not settle ({front_pages})")
    total = front_pages + offset
    numbers_key, _ = stored(assembly.numbers(total), f"{name} (page numbers)")

    key = hashlib.sha256("\0".join(["joined v1", front_key, *body_keys, numbers_key]).encode()).hexdigest()
    used.add(key)
    if cache.get(key) is None:
        pdfcache.atomic(cache.pdf(key), lambda tmp: join(cache.pdf(front_key), readers, cache.pdf(numbers_key), tmp))
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

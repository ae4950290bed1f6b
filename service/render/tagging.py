"""Tagged PDF (PDF/UA-1): a logical structure beside the drawing, shared by every printable.

Renderers build a tree of structure elements in reading order (which may differ from the
order things are drawn in), mark what they draw as belonging to an element (a marked-content
sequence with an MCID) or as an artifact (decoration, cut marks, running footers), and tie
link annotations to Link elements. ``TaggedCanvas`` writes the rest when the file is saved:
StructTreeRoot, ParentTree, StructParents and /Tabs /S on pages, MarkInfo, ViewerPreferences,
and XMP metadata that claims PDF/UA-1. Everything is written with reportlab's PDF object model.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..text import draw_lines


class Element:
    """One structure element: a role (H1, P, L, LI, Link, Figure, …), its children in reading
    order, and what it marks on the pages."""

    __slots__ = ("role", "kids", "lang", "alt", "parent", "page", "bbox", "_ref")

    def __init__(self, role: str, lang: str | None = None, alt: str | None = None):
        self.role = role
        self.lang = lang
        self.alt = alt
        self.kids: list = []  # Element, (page, mcid) or ("annot", page, reference)
        self.parent: Element | None = None
        self.page: int | None = None  # the page of its first content
        self.bbox: tuple[float, float, float, float] | None = None  # a Figure's box on its page
        self._ref = None

    def add(self, role: str, lang: str | None = None, alt: str | None = None) -> Element:
        """A new child at the end of this element's children."""
        return self.append(Element(role, lang, alt))

    def append(self, child: Element) -> Element:
        child.parent = self
        self.kids.append(child)
        return child

    def begin(self, canvas) -> str:
        """The operator that opens a new content item of this element on the current page."""
        page = canvas._pageNumber
        owners = canvas.structure._mcids.setdefault(page, [])
        mcid = len(owners)
        owners.append(self)
        if self.page is None:
            self.page = page
        self.kids.append((page, mcid))
        return f"/{self.role} <</MCID {mcid}>> BDC"

    def marks(self, canvas):
        """``begin`` for several content items in a row on the current page."""
        page = canvas._pageNumber
        owners = canvas.structure._mcids.setdefault(page, [])
        if self.page is None:
            self.page = page
        kids, opening = self.kids, f"/{self.role} <</MCID %d>> BDC"

        def begin() -> str:
            mcid = len(owners)
            owners.append(self)
            kids.append((page, mcid))
            return opening % mcid

        return begin

    @contextmanager
    def mark(self, canvas, part: str = "text", bbox: tuple[float, float, float, float] | None = None):
        """What is drawn inside belongs to this element. ``bbox`` (x1, y1, x2, y2 in the current
        coordinates) is where a Figure lies: written as its layout attribute, in page coordinates,
        for tools that reflow or zoom to it."""
        if bbox is not None:
            self.bbox = canvas._absRect(bbox, 1)
        canvas.addLiteral(self.begin(canvas))
        try:
            yield
        finally:
            canvas.addLiteral("EMC")


class Unmarked(Element):
    """Where an element would be, for something drawn inside an artifact (the second copy of a
    card, say): it marks nothing, its children are itself, its links are only printed."""

    def __init__(self):
        super().__init__("Artifact")

    def add(self, role: str, lang: str | None = None, alt: str | None = None) -> Element:
        return self

    def append(self, child: Element) -> Element:
        return child

    def mark(self, canvas, part: str = "text", bbox: tuple[float, float, float, float] | None = None):
        return nullcontext()


class Marks:
    """The tag of a text block: its text marks ``text``; a marker beside it (a bullet) marks
    ``marker`` — the Lbl of a list item whose LBody is the text."""

    def __init__(self, text: Element, marker: Element | None = None):
        self.text = text
        self.marker = marker

    def draw(self, part: str, canvas, lines, style, x0: float, top: float, width: float) -> None:
        element = self.marker if part == "marker" and self.marker is not None else self.text
        draw_marked(canvas, element, lines, style, x0, top, width)


def draw_marked(canvas, element: Element, lines, style, x0: float, top: float, width: float) -> None:
    """``draw_lines``, each line marked as content of ``element`` on its own: a line's end is
    a word's end for tools that read the structure (poppler joins what one mark holds)."""
    if isinstance(element, Unmarked):
        draw_lines(canvas, lines, style, x0, top, width)
    else:
        draw_lines(canvas, lines, style, x0, top, width, mark=element.marks(canvas))


def swedish_name(language: str) -> str | None:
    """The language of a Swedish proper name (a contact's, the municipality's: never translated)
    in a text in ``language``: sv, so that a screen reader speaks it with a Swedish voice, or
    nothing when the text around it is Swedish already (easy-to-read Swedish, sv-x-lattlast, too)."""
    return None if language.split("-")[0] == "sv" else "sv"


def list_item(parent: Element, lang: str | None = None) -> Marks:
    """A bulleted list item under ``parent`` (an L): Lbl for the bullet, LBody for the text."""
    item = parent.add("LI", lang)
    label = item.add("Lbl")
    return Marks(item.add("LBody"), label)


@contextmanager
def artifact(canvas):
    """What is drawn inside is not content: decoration, cut marks, running footers."""
    canvas.addLiteral("/Artifact BMC")
    try:
        yield
    finally:
        canvas.addLiteral("EMC")


def link(canvas, element: Element, uri: str, rect: tuple[float, float, float, float], text: str) -> None:
    """A link annotation over ``rect`` (in the current coordinates) tied to ``element`` (a Link)."""
    if isinstance(element, Unmarked):
        return
    structure: Structure = canvas.structure
    key = structure.next_key()
    x1, y1, x2, y2 = canvas._absRect(rect, 1)
    annotation = _Raw(b"<< /Type /Annot /Subtype /Link /Rect [%s] /Border [0 0 0] /Contents %s /StructParent %d"
                      b" /A << /S /URI /URI %s >> >>" % (fp_str(x1, y1, x2, y2).encode("ascii"),
                                                       _text(text.translate(_NO_ISOLATES)), key, _text(uri)))
    name = f"infogen-link-{key}"
    canvas._addAnnotation(annotation, name)
    reference = canvas._doc.refAnnotation(name)
    page = canvas.getPageNumber()
    if element.page is None:
        element.page = page
    element.kids.append(("annot", page, reference))
    structure.annotations[key] = element


class Structure:
    """The structure tree of one PDF, from its Document element down."""

    def __init__(self, lang: str, title: str):
        self.lang = lang
        self.title = title
        self.root = Element("Document")
        self._mcids: dict[int, list[Element]] = {}  # page -> the element of each MCID
        self._page_keys: dict[int, int] = {}  # page -> its StructParents key
        self._page_refs: dict[int, PDFObjectReference] = {}
        self.annotations: dict[int, Element] = {}  # StructParent key -> Link element
        self._keys = 0

    def next_key(self) -> int:
        key = self._keys
        self._keys += 1
        return key

    def close_page(self, canvas, page) -> None:
        """Called as reportlab finishes a page: its StructParents, and tab order by structure."""
        number = canvas.getPageNumber()
        self._page_refs[number] = canvas._doc.thisPageRef()
        key = self._page_keys[number] = self.next_key()
        page.StructParents = key
        page.Tabs = PDFName("S")
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]

    def write(self, canvas) -> None:
        """The tree and the catalog entries, into the document about to be saved."""
        doc = canvas._doc
        elements: list[Element] = []

        def collect(element: Element) -> None:
            elements.append(element)
            for kid in element.kids:
                if isinstance(kid, Element):
                    collect(kid)

        collect(self.root)
        # every object registered first, so that each one's reference is known as bytes
        root, tree = _Raw(), _Raw()
        root_ref = doc.Reference(root)
        objects = [_Raw() for _ in elements]
        for element, obj in zip(elements, objects):
            element._ref = _ref(doc, doc.Reference(obj))
        pages = {number: _ref(doc, reference) for number, reference in self._page_refs.items()}
        for element, obj in zip(elements, objects):
            obj.data = _struct_elem(doc, element, _ref(doc, root_ref), pages)
        root.data = b"<< /Type /StructTreeRoot /K [%s] /ParentTree %s /ParentTreeNextKey %d >>" % (
            self.root._ref, _ref(doc, doc.Reference(tree)), self._keys)
        entries = {key: b"[" + b" ".join(e._ref for e in self._mcids.get(page, [])) + b"]"
                   for page, key in self._page_keys.items()}
        entries.update({key: element._ref for key, element in self.annotations.items()})
        # the number tree from each page's StructParents to the element of each of its MCIDs,
        # and from each annotation's StructParent to its Link element
        tree.data = b"<< /Nums [" + b" ".join(b"%d %s" % (key, entries[key]) for key in sorted(entries)) + b"] >>"

        catalog = doc.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.Lang = PDFString(self.lang)
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        catalog.Metadata = _xmp(self.title, self.lang)


# Hundreds of structure elements per leaflet: reportlab's generic dictionaries format them
# ten times slower than these, which write their few kinds of entries directly.

def _ref(document, reference: PDFObjectReference) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[reference.name]


def _text(text: str) -> bytes:
    """A PDF text string: literal when printable ASCII, else UTF-16BE with its byte order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


class _Raw(PDFObject):
    """An object written as given."""

    def __init__(self, data: bytes = b""):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


def _struct_elem(document, element: Element, root: bytes, pages: dict[int, bytes]) -> bytes:
    parent = element.parent._ref if element.parent else root
    out = [b"<< /Type /StructElem /S /", element.role.encode("ascii"), b" /P ", parent]
    if element.page is not None:
        out += [b" /Pg ", pages[element.page]]
    if element.lang:
        out += [b" /Lang ", _text(element.lang)]
    if element.alt is not None:
        out += [b" /Alt ", _text(element.alt)]
    if element.bbox is not None:
        out += [b" /A << /O /Layout /BBox [", fp_str(*element.bbox).encode("ascii"), b"] >>"]
    out.append(b" /K [")
    for kid in element.kids:
        if isinstance(kid, Element):
            out += [b" ", kid._ref]
        elif kid[0] == "annot":
            out += [b" << /Type /OBJR /Obj ", _ref(document, kid[2]), b" /Pg ", pages[kid[1]], b" >>"]
        elif kid[0] == element.page:
            out.append(b" %d" % kid[1])
        else:
            out += [b" << /Type /MCR /Pg ", pages[kid[0]], b" /MCID %d >>" % kid[1]]
    out.append(b" ] >>")
    return b"".join(out)


class _Metadata(PDFStream):
    """XMP is read by tools that do not inflate streams: left uncompressed."""

    def format(self, document):
        content = self.content
        dictionary = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML"), "Length": len(content)})
        return dictionary.format(document) + b"\nstream\n" + content + b"\nendstream\n"


def _xmp(title: str, lang: str) -> _Metadata:
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <pdf:Producer>infogen</pdf:Producer>
   <xmp:CreatorTool>infogen</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    stream = _Metadata()
    stream.content = xml.encode("utf-8")
    return stream


class TaggedCanvas(Canvas):
    """A reportlab canvas that writes the structure of what was drawn on it."""

    def __init__(self, *args, structure: Structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.setTitle(structure.title)

    def _setAnnotations(self, page):  # reportlab's last step for each page
        super()._setAnnotations(page)
        self.structure.close_page(self, page)

    def save(self):
        if len(self._code):
            self.showPage()
        self.structure.write(self)
        super().save()


class LinkedBlock(Flowable):
    """A text block that is a link: its text marks ``element`` (a Link) and each of its lines
    is covered by a link annotation tied to that element."""

    def __init__(self, block, element: Element, uri: str):
        super().__init__()
        self.block = block
        self.element = element
        self.uri = uri
        self.keepWithNext = block.keepWithNext
        block.tag = Marks(element)

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.block.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return [LinkedBlock(part, self.element, self.uri) for part in self.block.split(availWidth, availHeight)]

    def getSpaceBefore(self):
        return self.block.getSpaceBefore()

    def ink(self):
        return self.block.ink()

    def getSpaceAfter(self):
        return self.block.getSpaceAfter()

    def draw(self):
        block = self.block
        block.drawOn(self.canv, 0, 0)
        x0 = 0 if block.style.rtl else block.indent
        for box in line_boxes(block._lines, block.style, x0, self.height, self.width - block.indent):
            link(self.canv, self.element, self.uri, box, block.text)


def line_boxes(lines, style, x0: float, top: float, width: float):
    """The box of each line as ``draw_lines`` places it: (x1, y1, x2, y2)."""
    for i, line in enumerate(lines):
        if style.align == "center":
            x = x0 + (width - line.width) / 2
        elif style.rtl:
            x = x0 + width - line.width
        else:
            x = x0
        line_top = top - i * style.line_height
        yield x, line_top - style.line_height, x + line.width, line_top


def draw_link(canvas, element: Element, uri: str, text: str, lines, style, x0: float, top: float,
              width: float) -> None:
    """Lines that are one link: marked as ``element`` (a Link), each covered by an annotation."""
    draw_marked(canvas, element, lines, style, x0, top, width)
    for box in line_boxes(lines, style, x0, top, width):
        link(canvas, element, uri, box, text)


_NO_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))

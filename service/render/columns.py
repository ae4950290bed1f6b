"""Two columns that text extractors read one after the other.

Tools that read a PDF's text without its structure (poppler's pdftotext, and what is built on
it) find columns by looking at where blocks of text lie. Poppler takes four blocks for the
cells of a table when two blocks side by side begin (or end, or are centred) at the same
height and the two blocks under them do too; it then reads across the columns, and the rest
of the right-hand column before the left one's end. Two columns of headings, paragraphs and
contacts line up like that now and then by chance.

The frames here keep track of the blocks of text laid out on each page. The column read
first is laid out as it comes; in the other, a block that would complete such a pair of rows
is moved the least distance that breaks it: up into its own space before, or down (in a
bilingual row, the shorter side first, within the height the other side leaves free).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Frame

SLACK = 0.5  # points beyond poppler's tolerance, so that rounding never completes a row
STEP = 0.5
REACH = 150.0  # how far from a block the rows it could be part of reach
SPACE_LEFT = 1.5  # a block moved up keeps at least this much of the space before it
FURTHEST = 24.0  # never move a block further than two lines


@dataclass(frozen=True)
class Block:
    """Where a block of text lies on its page (PDF coordinates, y up): the top of its first
    line, the bottom of its last, its font size and the first and last baselines."""

    top: float
    bottom: float
    size: float
    first: float
    last: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def overlaps(self, other: Block) -> bool:
        return self.bottom <= other.top and other.bottom <= self.top

    def lower(self, drop: float) -> Block:
        return Block(self.top - drop, self.bottom - drop, self.size, self.first - drop, self.last - drop)


def _placed(ink, top: float) -> list[Block]:
    """Blocks from ``ink`` (boxes measured down from a top edge) with that edge at ``top``."""
    return [Block(top - a, top - b, size, top - first, top - last) for a, b, size, first, last in ink]


def _blocks(flowable, top: float) -> list[Block]:
    """The blocks of text of ``flowable`` if its top edge were at ``top``."""
    ink = getattr(flowable, "ink", None)
    return _placed(ink(), top) if ink else []


def _space_before(frame: Frame, flowable) -> float:
    """The space reportlab leaves above ``flowable`` in ``frame``: none at the frame's top,
    and space after and space before overlap."""
    if frame._atTop:
        return 0.0
    space = flowable.getSpaceBefore()
    return max(space - frame._prevASpace, 0) if frame._oASpace else space


def _merged(blocks: list[Block], onto: list[Block] | None = None) -> list[Block]:
    """Blocks as poppler joins them (after ``onto``, blocks already joined): the next line
    of the same size (within 5 %) whose baseline is at most one and a half times the size
    below."""
    out: list[Block] = list(onto or ())
    for block in blocks:
        last = out[-1] if out else None
        if last and abs(block.size - last.size) < 0.05 * last.size and 0 < last.last - block.first <= 1.5 * last.size:
            out[-1] = Block(last.top, min(last.bottom, block.bottom), last.size, last.first, block.last)
        else:
            out.append(block)
    return out


def _near(blocks: list[Block], low: float, high: float) -> list[Block]:
    """The blocks that reach into the band from ``low`` to ``high``: rows of a table that a
    block takes part in lie within a few blocks' height of it."""
    return [b for b in blocks if b.bottom <= high and b.top >= low]


def _aligned(a: Block, b: Block, c: Block, d: Block) -> bool:
    """Whether a beside b and c beside d line up as rows of a table for poppler."""
    tolerance = 0.5 * min(a.size, b.size, c.size, d.size) + SLACK
    return (abs(a.top - b.top) <= tolerance and abs(c.top - d.top) <= tolerance) \
        or (abs(a.bottom - b.bottom) <= tolerance and abs(c.bottom - d.bottom) <= tolerance) \
        or (abs(a.middle - b.middle) <= tolerance and abs(c.middle - d.middle) <= tolerance)


def table_rows(left: list[Block], right: list[Block], new: set[Block] | None = None, first_only: bool = False,
               flush: bool = False) -> list[tuple]:
    """Each block of the left column, the block beside it, the next below it and the block
    beside that, where poppler would read them as a table. With ``flush`` (the right
    column's blocks all start at the same x, as left-aligned text does) poppler's own choice:
    the highest block beside, the highest one below; otherwise every candidate, erring on the
    side of finding a table. With ``new``, only the rows that one of those blocks is part of;
    with ``first_only``, at most one."""
    if new is not None:
        if not new:
            return []
        high, low = max(b.top for b in new), min(b.bottom for b in new)
    found = []
    for i, first in enumerate(left):
        under = None
        for j in range(i + 1, len(left)):
            if left[j].top < first.bottom:
                under = left[j]
                break
        if under is None:
            continue
        if new is not None and (under.bottom > high or first.top < low or (
                first not in new and under not in new
                and not any(b.overlaps(first) or b.overlaps(under) for b in new))):
            continue  # a row of old blocks only
        besides = [b for b in right if b.overlaps(first)]
        corners = [b for b in right if b.top < first.bottom]
        if flush:  # poppler keeps the first it meets, and meets blocks from the top down
            besides = [max(besides, key=lambda b: b.first)] if besides else []
            corners = [max(corners, key=lambda b: b.first)] if corners else []
        besides = [b for b in besides if not b.overlaps(under)]
        if not besides:
            continue
        corners = [b for b in corners if b.overlaps(under)]
        for beside in besides:
            for corner in corners:
                if not corner.overlaps(beside) and _aligned(first, beside, under, corner) \
                        and (new is None or not new.isdisjoint((first, beside, under, corner))):
                    found.append((first, beside, under, corner))
                    if first_only:
                        return found
    return found


class Columns:
    """The columns of one document: ``frames`` makes a page's frames, the first-read first."""

    def __deepcopy__(self, memo):  # reportlab copies frames to measure: they share the pages
        return self

    def __init__(self, rtl: bool, furthest: float = FURTHEST, free: bool = False, flush: bool | None = None):
        self.rtl = rtl
        # whether the right column's blocks all start at one x (left-aligned text)
        self.flush = not rtl if flush is None else flush
        self.furthest = furthest  # 0: lay the text out as it comes
        self.free = free  # only moves that cost no height: up into space, down into slack
        self.dropped: dict[int, float] = {}  # page -> the height added on it
        self.pushed = False  # whether text went on to the next page for want of that height
        self.debt: dict[int, float] = {}  # page -> space added in its second column, not yet taken back
        self._pages: dict[int, tuple[list[Block], list[Block]]] = {}
        self._last = 0

    @property
    def pages(self) -> int:
        return self._last

    @pages.setter
    def pages(self, count: int) -> None:
        self._last = count

    def may_have_grown(self) -> bool:
        """Whether the space added pushed text on to a later page (then the same document laid
        out without it may take fewer pages)."""
        return self.pushed

    def rows(self) -> int:
        """How many pairs of rows of the document poppler would read as a table's."""
        count = 0
        for first, second in self._pages.values():
            count += len(table_rows(second, first) if self.rtl else table_rows(first, second, flush=self.flush))
        return count

    def fitted(self, page: int, added: float) -> None:
        self._last = max(self._last, page)
        self.dropped[page] = self.dropped.get(page, 0.0) + added

    def missed(self, page: int, short: float) -> None:
        """Text ``short`` points too tall for what is left of a frame on ``page``."""
        self._last = max(self._last, page)
        if 0 < short <= self.debt.get(page, 0.0):
            self.pushed = True

    def frames(self, x_left: float, x_right: float, bottom: float, width: float, height: float) -> list[Frame]:
        left = _Column(self, x_left, bottom, width, height, first=not self.rtl)
        right = _Column(self, x_right, bottom, width, height, first=self.rtl)
        return [right, left] if self.rtl else [left, right]

    def placed(self, page: int, first: bool) -> list[Block]:
        """The blocks laid out so far in a column of ``page``, joined as poppler joins them."""
        return self._pages.setdefault(page, ([], []))[0 if first else 1]

    def place(self, page: int, first: bool, blocks) -> None:
        column = self.placed(page, first)
        column[:] = _merged(list(blocks), onto=column)

    def drop(self, page: int, candidate: list[Block], room: float = 0.0, down: bool = True) -> float:
        """How far below ``candidate`` (blocks about to be laid out in the second column) must
        go for no pair of rows to line up with the first column; negative: how far above,
        taken from the ``room`` its space before leaves (tried first: it costs no height).
        Not ``down``: only up (a heading moved down could leave its text no room). Space
        added higher up the column is taken back where a block can move up without harm."""
        if not candidate or not self.furthest:
            return 0.0
        low = min(b.bottom for b in candidate) - self.furthest - REACH
        high = max(b.top for b in candidate) + room + REACH
        done, mine = _near(self.placed(page, True), low, high), _near(self.placed(page, False), low, high)
        old = set(mine)

        def clear(drop: float) -> bool:
            theirs = _merged([b.lower(drop) for b in candidate], onto=mine)
            new = set(theirs) - old
            return not (table_rows(theirs, done, new, True) if self.rtl else table_rows(done, theirs, new, True, self.flush))

        back = min(room, self.debt.get(page, 0.0))
        if back >= STEP and clear(-back):
            return -back
        steps = [0.0]
        for n in range(1, int(self.furthest / STEP) + 1):
            if n * STEP <= room:
                steps.append(-n * STEP)
            if down and not self.free:
                steps.append(n * STEP)
        return next((drop for drop in steps if clear(drop)), 0.0)  # none within reach: as it falls

    def drop_beside(self, page: int, left: list[Block], right: list[Block], slack: float = 0.0) -> tuple[float, float]:
        """How far below their places the left and the right side of a row must go for no pair
        of rows to line up: the side with ``slack`` (negative: the left) moves first, as far as
        the slack reaches, since that costs no height."""
        if not self.furthest or not left or not right:
            return 0.0, 0.0
        low = min(b.bottom for b in left + right) - self.furthest - REACH
        high = max(b.top for b in left + right) + REACH
        placed_left = _near(self.placed(page, True), low, high)
        placed_right = _near(self.placed(page, False), low, high)
        old = set(placed_left) | set(placed_right)
        steps = [n * STEP for n in range(int(self.furthest / STEP) + 1)]
        moves = [(0.0, d) for d in steps] + [(d, 0.0) for d in steps[1:]]
        # the height a move adds to the row: none within the shorter side's slack
        def cost(move: tuple[float, float]) -> float:
            return max(move[1] - max(slack, 0), 0) + max(move[0] - max(-slack, 0), 0)

        moves.sort(key=lambda m: (cost(m), m[0] + m[1]))
        for down_left, down_right in moves:
            if self.free and cost((down_left, down_right)):
                break
            lefts = _merged([b.lower(down_left) for b in left], onto=placed_left)
            rights = _merged([b.lower(down_right) for b in right], onto=placed_right)
            if not table_rows(lefts, rights, (set(lefts) | set(rights)) - old, True, self.flush):
                return down_left, down_right
        return 0.0, 0.0

    def pair_frame(self, x: float, y: float, width: float, height: float) -> Frame:
        return _Rows(self, x, y, width, height)


def _plain_add(frame, base, flowable, canv, trySplit) -> int:
    """Reportlab's own ``_add`` for what has no text of its own (a KeepTogether around a
    heading and what follows it), noting when it does not fit for want of space added."""
    start = frame._y
    done = base._add(flowable, canv, trySplit)
    if not done and not getattr(flowable, "frameAction", None):
        height = getattr(flowable, "_H", getattr(flowable, "height", 0.0))
        frame.columns.missed(canv.getPageNumber(), height - (start - frame._y1p))
    return done


class _Column(Frame):
    def __init__(self, columns: Columns, x: float, y: float, width: float, height: float, first: bool):
        super().__init__(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.columns = columns
        self.first = first

    def _add(self, flowable, canv, trySplit=0):
        if getattr(flowable, "ink", None) is None or getattr(flowable, "frameAction", None):
            return _plain_add(self, super(), flowable, canv, trySplit)
        page = canv.getPageNumber()
        start = self._y
        space = _space_before(self, flowable)
        top = start - space
        flowable.wrap(self._getAvailableWidth(), max(top - self._y1p, 0))
        blocks = _blocks(flowable, top)
        drop = 0.0
        if not self.first:
            drop = self.columns.drop(page, blocks, room=max(space - SPACE_LEFT, 0.0),
                                     down=not getattr(flowable, "keepWithNext", False))
        self._y -= drop
        done = super()._add(flowable, canv, trySplit)
        if not done and drop:  # rather a chance alignment than text pushed to the next page
            self._y, drop = start, 0.0
            done = super()._add(flowable, canv, trySplit)
        if done:
            self.columns.place(page, self.first, (b.lower(drop) for b in blocks))
            self.columns.fitted(page, max(drop, 0.0))
            if not self.first:
                self.columns.debt[page] = max(self.columns.debt.get(page, 0.0) + drop, 0.0)
        else:
            self._y = start
            self.columns.missed(page, space + flowable.height - (start - self._y1p))
        return done

    add = _add  # reportlab's Frame calls its own _add through this name


class _Rows(Frame):
    """A frame of rows in two languages side by side (``_Pair`` in service/render/pdf.py):
    a side of a row is moved down where its blocks would line up with the other's as a
    table's rows, the shorter side first; the reading order wanted is each language on its
    own, column by column."""

    def __init__(self, columns: Columns, x: float, y: float, width: float, height: float):
        super().__init__(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.columns = columns

    def _add(self, flowable, canv, trySplit=0):
        sides = getattr(flowable, "sides_ink", None)
        if sides is None:
            return _plain_add(self, super(), flowable, canv, trySplit)
        page = canv.getPageNumber()
        start = self._y
        space = _space_before(self, flowable)
        top = start - space
        width = self._getAvailableWidth()
        flowable.drop = (0.0, 0.0)
        flowable.wrap(width, max(top - self._y1p, 0))
        left, right = (_placed(ink, top) for ink in sides())
        drop = self.columns.drop_beside(page, left, right, flowable.heights[0] - flowable.heights[1])
        flowable.drop = drop
        done = super()._add(flowable, canv, trySplit)
        if not done and any(drop):
            flowable.drop = drop = (0.0, 0.0)
            self._y = start
            done = super()._add(flowable, canv, trySplit)
        if done:
            self.columns.place(page, True, (b.lower(drop[0]) for b in left))
            self.columns.place(page, False, (b.lower(drop[1]) for b in right))
            # the height the move added to the row
            added = max(drop[0] + flowable.heights[0], drop[1] + flowable.heights[1]) - max(flowable.heights)
            self.columns.fitted(page, added)
            self.columns.debt[page] = self.columns.debt.get(page, 0.0) + added
        else:
            self._y = start
            self.columns.missed(page, space + flowable.height - (start - self._y1p))
        return done

    add = _add

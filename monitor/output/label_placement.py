"""Where to put text labels beside points so that no two labels overlap. Vega-Lite has no
overlap removal for text marks (only for axis labels), and its label transform hides a label
it cannot place; a map of a handful of brands must show every name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels (y grows downwards, as on screen)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> float:
        """The area the two boxes share (0 when they only touch)."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of the drawn width of `text`: 0.62 em per character covers the
    sans-serif fonts Vega falls back to (an underestimate would let two labels touch)."""
    return len(text) * font_size * 0.62


def label_box(x: float, y: float, width: float, height: float) -> Box:
    """The box of a label centred on (x, y)."""
    return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def place_labels(
    points: list[tuple[float, float]],
    sizes: list[tuple[float, float]],
    width: float,
    height: float,
    radius: float = 10.0,
    gap: float = 3.0,
) -> list[tuple[float, float]]:
    """Centres for one label per point (pixels, y down), each label's box clear of every
    other label and every point's dot where any candidate spot allows it.

    sizes: each label's (width, height). Each label tries spots around its own point, nearest
    first (above, below, right, left, then rows further up and down); the first spot inside
    the plot that is clear wins. Labels of crowded points go first, as they have the fewest
    free spots. With no clear spot inside the plot, a clear one outside it is taken (Vega
    grows the view to show it), and failing that the spot that overlaps least."""
    dots = [Box(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    order = sorted(range(len(points)), key=lambda i: -_neighbours(points, i, sizes[i]))
    placed: dict[int, Box] = {}
    centres: list[tuple[float, float]] = list(points)
    for i in order:
        # A label over another point's dot hides that dot: such a spot clashes too.
        others = [*placed.values(), *(dot for j, dot in enumerate(dots) if j != i)]
        best, best_key = points[i], None
        for rank, spot in enumerate(_candidates(points[i], sizes[i], radius, gap, len(points), width)):
            box = label_box(*spot, *sizes[i])
            clashes = sum(box.overlap(other) for other in others)
            key = (
                clashes > 0,
                not box.inside(width, height),
                sum(box.overlap(p) for p in placed.values()),
                rank,
            )
            if best_key is None or key < best_key:
                best, best_key = spot, key
            if key[:2] == (False, False):
                break  # nearest first: the first clear spot inside the plot is the one
        centres[i] = best
        placed[i] = label_box(*best, *sizes[i])
    return centres


def _neighbours(points: list[tuple[float, float]], i: int, size: tuple[float, float]) -> int:
    """How many other points lie within a label's reach of point i."""
    x, y = points[i]
    reach_x, reach_y = size[0], 3 * size[1]
    return sum(abs(px - x) < reach_x and abs(py - y) < reach_y for j, (px, py) in enumerate(points) if j != i)


def _candidates(
    point: tuple[float, float], size: tuple[float, float], radius: float, gap: float, rows: int, width: float
) -> list[tuple[float, float]]:
    """Spots for a label around point, nearest first: beside the dot, then rows further out
    (as many rows as there are points, so a clear row always exists for a pile of points).
    Above and below, also slid sideways to stay inside the plot: a long name over a dot at
    the edge then still reads as that dot's."""
    x, y = point
    w, h = size
    step = h + gap
    above = y - radius - gap - h / 2
    below = y + radius + gap + h / 2
    side = radius + gap + w / 2
    inside = min(max(x, w / 2), width - w / 2) if w < width else x
    shifts = sorted({0.0, inside - x, w / 2 + gap, -(w / 2 + gap)}, key=abs)
    spots = [(x, above), (x, below), (x + side, y), (x - side, y)]
    spots += [(inside, above), (inside, below)]
    for k in range(1, rows + 1):
        for shift in shifts:
            spots += [(x + shift, above - k * step), (x + shift, below + k * step)]
        spots += [(x + side, y - k * step), (x + side, y + k * step)]
        spots += [(x - side, y - k * step), (x - side, y + k * step)]
    return sorted(spots, key=lambda spot: (spot[0] - x) ** 2 + (spot[1] - y) ** 2)


def leader_end(
    point: tuple[float, float], centre: tuple[float, float], size: tuple[float, float], radius: float
) -> tuple[float, float] | None:
    """Where a line from the point to its label should end (the middle of the label's edge that
    faces the point), or None when the label sits right beside its dot and needs no line."""
    box = label_box(*centre, *size)
    x, y = point
    nearest_x, nearest_y = min(max(x, box.left), box.right), min(max(y, box.top), box.bottom)
    if ((nearest_x - x) ** 2 + (nearest_y - y) ** 2) ** 0.5 <= radius + 2 * size[1] / 3:
        return None
    if box.top <= y <= box.bottom:  # beside the dot: to the near end of the text
        return (box.left if x < box.left else box.right), centre[1]
    return centre[0], (box.top if y < box.top else box.bottom)

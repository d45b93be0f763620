"""Charts as PNG bytes, for the informatieplein picture and the weekly digest.

General functions on plain data (labels and numbers), no domain knowledge. Rendering uses
matplotlib's Agg canvas on a `Figure` (never pyplot: no global state, no GUI, safe off the event
loop in a worker thread). Output is deterministic: the same data gives the same bytes (no
timestamps or software version in the PNG metadata, fixed fonts, sizes and colours).

    png = stacked_bar_png(["2026-05", "2026-06"], {"Polarisatie": [2, 3], "Online": [1, 0]})
"""

from __future__ import annotations

import io
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Colour-blind friendly first (Okabe-Ito), then distinct extras; cycles beyond its length.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#7F7F7F", "#8C564B", "#17BECF", "#BCBD22", "#9467BD", "#AEC7E8", "#FF9896", "#98DF8A",
)

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "labbot",
    "path.simplify": True,
}


@dataclass(frozen=True)
class Panel:
    """One small chart in a grid: bars for `categories`, stacked by the `series`."""

    title: str
    categories: Sequence[str]
    series: Mapping[str, Sequence[float]]


def palette(names: Sequence[str]) -> dict[str, str]:
    """A stable colour per name, in the given order (pass the full taxonomy for stable colours)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}


def _check(categories: Sequence[str], series: Mapping[str, Sequence[float]]) -> None:
    for name, values in series.items():
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")


def _render(draw, *, size: tuple[float, float], dpi: int) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=size, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        draw(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _integer_ticks(ax) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _empty(ax, text: str, *, keep_y: bool = False) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    if not keep_y:  # a shared y axis keeps its ticks for the other panels
        ax.set_yticks([])


def _stack(ax, categories, series, colors, *, legend: bool) -> float:
    positions = range(len(categories))
    bottom = [0.0] * len(categories)
    for name, values in series.items():
        ax.bar(positions, values, bottom=bottom, label=name, color=colors.get(name), width=0.7,
               edgecolor="white", linewidth=0.5)
        bottom = [b + float(v) for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(list(positions), list(categories), rotation=45 if len(categories) > 6 else 0,
                  ha="right" if len(categories) > 6 else "center")
    top = max(bottom, default=0)
    ax.set_ylim(0, max(1.0, top * 1.15))
    _integer_ticks(ax)
    if legend and series:
        ax.legend(loc="upper left", fontsize=7, frameon=False)
    return top


def stacked_bar_png(categories: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str = "",
                    xlabel: str = "", ylabel: str = "", colors: Mapping[str, str] | None = None,
                    empty_text: str = "Geen gegevens", size: tuple[float, float] = (8, 4.5),
                    dpi: int = 100) -> bytes:
    """One stacked bar chart: a bar per category, a coloured part per series."""
    _check(categories, series)
    colors = dict(colors or palette(list(series)))

    def draw(fig) -> None:
        ax = fig.add_subplot()
        if title:
            ax.set_title(title)
        if not categories or not any(any(v for v in vals) for vals in series.values()):
            _empty(ax, empty_text)
            return
        _stack(ax, categories, series, colors, legend=True)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)

    return _render(draw, size=size, dpi=dpi)


def stacked_bar_panels_png(panels: Sequence[Panel], *, title: str = "", ylabel: str = "",
                           colors: Mapping[str, str] | None = None, ncols: int | None = None,
                           empty_text: str = "Geen gegevens", panel_size: tuple[float, float] = (4.2, 3.6),
                           dpi: int = 100) -> bytes:
    """Small multiples: one stacked bar chart per panel, sharing the y axis, colours and one
    legend (e.g. trends per month, stacked by theme, one panel per region)."""
    for p in panels:
        _check(p.categories, p.series)
    names = list(dict.fromkeys(n for p in panels for n in p.series))
    colors = dict(colors or palette(names))
    count = max(1, len(panels))
    ncols = max(1, min(ncols or min(count, 3), count))
    nrows = (count + ncols - 1) // ncols
    size = (panel_size[0] * ncols + 2.2, panel_size[1] * nrows + (0.5 if title else 0.2))

    def draw(fig) -> None:
        if title:
            fig.suptitle(title)
        if not panels:
            _empty(fig.add_subplot(), empty_text)
            return
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False)
        used = set()
        top = 0.0
        for ax, panel in zip((a for row in axes for a in row), panels, strict=False):
            ax.set_title(panel.title)
            if not panel.categories or not any(any(v for v in vals) for vals in panel.series.values()):
                _empty(ax, empty_text, keep_y=True)
                continue
            top = max(top, _stack(ax, panel.categories, panel.series, colors, legend=False))
            used.update(n for n, vals in panel.series.items() if any(vals))
        axes[0][0].set_ylim(0, max(1.0, top * 1.15))
        _integer_ticks(axes[0][0])
        for ax in [a for row in axes for a in row][len(panels):]:
            ax.set_visible(False)
        axes[0][0].set_ylabel(ylabel)
        from matplotlib.patches import Patch

        handles = [Patch(color=colors[n], label=n) for n in names if n in used]
        if handles:
            fig.legend(handles=handles, loc="outside right upper", fontsize=7, frameon=False)

    return _render(draw, size=size, dpi=dpi)


def lines_png(x: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str = "", xlabel: str = "",
              ylabel: str = "", colors: Mapping[str, str] | None = None, empty_text: str = "Geen gegevens",
              size: tuple[float, float] = (8, 4.5), dpi: int = 100) -> bytes:
    """A line per series over the labels `x` (e.g. weekly counts per theme)."""
    _check(x, series)
    colors = dict(colors or palette(list(series)))

    def draw(fig) -> None:
        ax = fig.add_subplot()
        if title:
            ax.set_title(title)
        if not x or not series:
            _empty(ax, empty_text)
            return
        positions = list(range(len(x)))
        for name, values in series.items():
            ax.plot(positions, values, label=name, color=colors.get(name), marker="o", markersize=3,
                    linewidth=1.5)
        crowded = len(x) > 6
        ax.set_xticks(positions, list(x), rotation=45 if crowded else 0, ha="right" if crowded else "center")
        ax.set_ylim(bottom=0)
        _integer_ticks(ax)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left", fontsize=7, frameon=False)

    return _render(draw, size=size, dpi=dpi)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; ValueError when `data` is not a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height

"""Charts: valid PNG bytes, deterministic, readable back, no pyplot and no metadata with a date."""

import io
import subprocess
import sys
import zlib

import pytest

from bot.core.charts import (
    PNG_SIGNATURE,
    Panel,
    lines_png,
    palette,
    png_size,
    stacked_bar_panels_png,
    stacked_bar_png,
)
from tests.conftest import REPO

MONTHS = ["2026-05", "2026-06", "2026-07"]
SERIES = {"Polarisatie": [2, 3, 1], "Complotdenken": [0, 1, 4]}


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every PNG chunk, checking each CRC."""
    assert data.startswith(PNG_SIGNATURE)
    out, pos = [], len(PNG_SIGNATURE)
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, payload = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        crc = int.from_bytes(data[pos + 8 + length:pos + 12 + length], "big")
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in {kind!r}"
        out.append((kind, payload))
        pos += 12 + length
    return out


def read_back(data: bytes):
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        return img.format, img.size


@pytest.mark.parametrize("render", [
    lambda: stacked_bar_png(MONTHS, SERIES, title="Trends", ylabel="aantal"),
    lambda: lines_png(MONTHS, SERIES, title="Per week"),
    lambda: stacked_bar_panels_png([Panel("Noord", MONTHS, SERIES), Panel("Zuid", MONTHS, {"Online": [1, 1, 1]})],
                                   title="Per regio"),
])
def test_chart_is_a_valid_png_that_reads_back(render):
    data = render()
    kinds = [k for k, _ in chunks(data)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height = png_size(data)
    assert width > 300 and height > 200
    assert read_back(data) == ("PNG", (width, height))


def test_charts_are_deterministic_and_carry_no_date_or_software():
    first = stacked_bar_png(MONTHS, SERIES, title="Trends")
    assert first == stacked_bar_png(MONTHS, SERIES, title="Trends")
    kinds = {k for k, _ in chunks(first)}
    assert b"tIME" not in kinds
    texts = b"".join(p for k, p in chunks(first) if k in {b"tEXt", b"iTXt", b"zTXt"})
    assert b"Software" not in texts and b"matplotlib" not in texts.lower()


def test_empty_data_gives_a_placeholder_image():
    for data in (stacked_bar_png([], {}), stacked_bar_png(MONTHS, {"x": [0, 0, 0]}), lines_png([], {}),
                 stacked_bar_panels_png([])):
        assert read_back(data)[0] == "PNG"


def test_series_must_match_the_categories():
    with pytest.raises(ValueError, match="3 categories"):
        stacked_bar_png(MONTHS, {"kort": [1, 2]})


def test_palette_is_stable_in_the_given_order():
    colours = palette(["a", "b", "c"])
    assert colours == palette(["a", "b", "c"]) and len(set(colours.values())) == 3
    assert palette(["a"] * 2)["a"] == colours["a"]


def test_png_size_rejects_other_bytes():
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + b"\0" * 30)


def test_charts_never_load_pyplot():
    code = ("import sys; from bot.core.charts import stacked_bar_png; stacked_bar_png(['a'], {'x': [1]}); "
            "sys.exit(1 if 'matplotlib.pyplot' in sys.modules else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr

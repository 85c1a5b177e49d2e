"""Zoom and render-size arithmetic for untrusted pages, kept free of Qt so it is easy to check.

QPdfView renders each visible page as one whole image of
(page size in points x screen dots per point x zoom x device pixel ratio) pixels and keeps about
twenty such images in its cache. PDF allows pages of up to 200 x 200 inches, and `UserUnit`
multiplies that further, so a hostile page at 400 % could ask for many gigabytes. The viewers
therefore never let QPdfView choose a zoom on its own (no FitToWidth/FitInView modes, which fit
each page separately and ignore any cap); they compute every zoom here and clamp it so that the
largest page of the document stays under the pixel cap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

MIN_ZOOM = 0.1
MAX_ZOOM = 4.0
MAX_PDF_PAGES = 500  # more are refused by the viewer, printing and the trial run alike
ZOOM_STEP = 1.25


def zoom_ceiling(largest_area_px: float, max_pixels: int, max_zoom: float = MAX_ZOOM) -> float:
    """Largest zoom at which a page of `largest_area_px` pixels (at zoom 1) stays under the cap."""
    if not math.isfinite(largest_area_px):
        return 0.0
    if largest_area_px <= 0:
        return max_zoom
    return min(max_zoom, math.sqrt(max_pixels / largest_area_px))


def largest_area(sizes: Iterable[tuple[float, float]]) -> tuple[int, float]:
    """Index and area of the largest page; (-1, 0.0) for none. Broken sizes count as infinite."""
    index, area = -1, 0.0
    for i, (width, height) in enumerate(sizes):
        page_area = width * height
        if not math.isfinite(page_area) or width < 0 or height < 0:
            return i, math.inf
        if page_area > area:
            index, area = i, page_area
    return index, area


def clamp_zoom(zoom: float, ceiling: float, floor: float = MIN_ZOOM) -> float:
    if not math.isfinite(zoom):
        return floor
    return max(min(floor, ceiling), min(zoom, ceiling))


def step_zoom(zoom: float, steps: int) -> float:
    """One step in or out; results near 100 % snap to it so the caseworker can get back there."""
    result = zoom * (ZOOM_STEP**steps)
    return 1.0 if abs(result - 1.0) < 0.02 else result


def fit_width_zoom(available_width: float, page_width: float) -> float:
    if page_width <= 0:
        return 1.0
    return max(available_width, 1) / page_width


def fit_page_zoom(
    available_width: float, available_height: float, page_width: float, page_height: float
) -> float:
    if page_width <= 0 or page_height <= 0:
        return 1.0
    return min(max(available_width, 1) / page_width, max(available_height, 1) / page_height)


def fit_into(width: float, height: float, box_width: int, box_height: int) -> tuple[int, int]:
    """Size of a `width` x `height` picture scaled to fit a box; at least 1 x 1 pixel."""
    if width <= 0 or height <= 0:
        return 1, 1
    scale = min(box_width / width, box_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))

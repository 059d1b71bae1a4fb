"""Tables of the time series (analysis.timeseries)."""

from __future__ import annotations

from .outputs import RATES
from .schema import Table, _c

# == time series (analysis.timeseries) ======================================================
# Kept in one section at the end of the module so that it merges cleanly with edits above.

TIME_RATES = Table("time_rates", "group × period × category: a rate with a bootstrap interval over articles", (
    RATES.column("group"),
    _c("period", "string", "the period: YYYY-MM-DD (day; the Monday of an ISO week) or YYYY-MM (month)"),
    *RATES.columns[1:],
))  # fmt: skip

EVENTS = Table("events", "event to mark on a time series", (
    _c("date", "string", "the event's date, YYYY-MM-DD"),
    _c("label", "string", "a short label drawn beside the marker"),
))  # fmt: skip

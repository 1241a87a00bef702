"""`eventwire stats`: what the store holds, counted by day, month, CAMEO root and dyad."""

from __future__ import annotations

from typing import IO, Any

from eventwire.cameo import event_info, is_cameo
from eventwire.store.db import Store

__all__ = ["format_stats", "store_stats"]

TOP_DYADS = 20
DAYS_SHOWN = 31


def store_stats(store: Store, *, top: int = TOP_DYADS) -> dict[str, Any]:
    """Counts of the store's tables, and events by day, by month, by root code, and the top dyads."""
    counts = store.counts()
    # An event dated only to a month or a year ("in 2003") counts in that month or year, never on a day.
    by_day = [
        {"day": r[0], "events": int(r[1])}
        for r in store.execute(
            "SELECT date, count(*) FROM events WHERE length(date) = 10 GROUP BY date ORDER BY date"
        ).fetchall()
    ]
    by_month = [
        {"month": r[0], "events": int(r[1])}
        for r in store.execute(
            "SELECT CASE WHEN length(date) >= 7 THEN left(date, 7) ELSE date END AS month, count(*) "
            "FROM events WHERE date IS NOT NULL GROUP BY month ORDER BY month"
        ).fetchall()
    ]
    by_root = [
        {"root": r[0], "name": _root_name(r[0]), "events": int(r[1]), "mentions": int(r[2])}
        for r in store.execute(
            "SELECT root, count(*), sum(num_mentions) FROM events GROUP BY root ORDER BY root"
        ).fetchall()
    ]
    dyads = [
        {"source": r[0], "target": r[1], "events": int(r[2]), "mentions": int(r[3])}
        for r in store.execute(
            "SELECT coalesce(left(source_code, 6), '') AS s, coalesce(left(target_code, 6), '') AS t, "
            "count(*) AS n, sum(num_mentions) FROM events GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
            [top],
        ).fetchall()
    ]
    undated = store.execute("SELECT count(*) FROM events WHERE date IS NULL").fetchall()[0][0]
    return {
        "path": store.path,
        "counts": counts,
        "undated_events": int(undated),
        "events_by_day": by_day,
        "events_by_month": by_month,
        "events_by_root": by_root,
        "events_outside_cameo": sum(r["events"] for r in by_root if not is_cameo(r["root"])),
        "top_dyads": dyads,
        "dedup": store.dedup_config.to_json(),
    }


def format_stats(stats: dict[str, Any], stream: IO[str]) -> None:
    """A readable report of `store_stats`."""
    c = stats["counts"]
    w = stream.write
    w(
        f"{stats['path']}: {_n(c['articles'], 'article')}, {_n(c['mentions'], 'mention')}, "
        f"{_n(c['events'], 'event')}, {_n(c['rejects'], 'reject')}\n"
    )
    if stats["events_by_month"]:
        w("\nevents by month:\n")
        for r in stats["events_by_month"]:
            w(f"  {r['month']:<7}  {r['events']:>8,}\n")
    days = stats["events_by_day"]
    if days:
        shown = days[-DAYS_SHOWN:]
        label = "events by day" if len(days) == len(shown) else f"events by day (last {len(shown)} of {len(days)})"
        w(f"\n{label}:\n")
        for r in shown:
            w(f"  {r['day']}  {r['events']:>8,}\n")
    if stats["undated_events"]:
        w(f"  undated     {stats['undated_events']:>8,}\n")
    if stats["events_by_root"]:
        w("\nevents by CAMEO root:\n")
        for r in stats["events_by_root"]:
            w(f"  {r['root']}  {r['name'][:40]:<40}  {r['events']:>8,} {_word(r['events'], 'event')}  {r['mentions']:>8,} {_word(r['mentions'], 'mention')}\n")
        outside = stats.get("events_outside_cameo", 0)
        if outside:
            w(
                f"  note: {_n(outside, 'event')} {'has a code' if outside == 1 else 'have codes'} outside CAMEO "
                "(as the dictionaries gave them); the CAMEO exports (gdelt, icews, plover) leave them out\n"
            )
    if stats["top_dyads"]:
        w("\ntop dyads (actor codes cut to country + sector):\n")
        for r in stats["top_dyads"]:
            w(f"  {r['source'] or '-':<6} -> {r['target'] or '-':<6}  {r['events']:>8,} {_word(r['events'], 'event')}  {r['mentions']:>8,} {_word(r['mentions'], 'mention')}\n")


def _root_name(root: str | None) -> str:
    return event_info(root).name if root and is_cameo(root) else "outside CAMEO"


def _word(count: int, noun: str) -> str:
    """The noun for a count, padded so the columns stay aligned ("1 event " / "2 events")."""
    return noun + " " if count == 1 else noun + "s"


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")

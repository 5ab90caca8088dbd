"""History at scale: 5,000 answers over a year, each with a full-size analysis (a two-minute
transcript), and how fast the trends and history answer. Goal: well under a second.

    python benchmarks/history_scale.py [--answers 5000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from seed import report_with  # noqa: E402

from voicecoach.history.commands import trends_text  # noqa: E402
from voicecoach.report import ReportWord  # noqa: E402
from voicecoach.storage import Store  # noqa: E402
from voicecoach.storage.queries import Filters, history, period_stats  # noqa: E402


def seed(store: Store, count: int) -> None:
    rng = random.Random(7)
    words = [ReportWord(f"word{i}", i * 0.45, i * 0.45 + 0.4, "word") for i in range(260)]  # ~2 min
    start = datetime(2025, 11, 24, tzinfo=timezone.utc)
    session = store.create_session("spotify-ml-ds", "Spotify-style ML data scientist", "", count)
    with store.transaction():  # one transaction: seeding speed is not what is measured
        for i in range(count):
            report = report_with(answer_s=rng.uniform(40, 200), fillers_per_min=rng.uniform(0, 8),
                                 long_pauses=rng.randint(0, 3), longest_pause_s=rng.uniform(5, 12),
                                 verdict=rng.choice(["short", "on target", "over"]), wpm=rng.uniform(90, 180),
                                 hedges=rng.randint(0, 8), boosters=rng.randint(0, 4), think_s=rng.uniform(1, 6))
            report = replace(report, words=words)
            when = start + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            store.db.execute(*_insert(store, report, session, i, when.isoformat(timespec="seconds")))


def _insert(store, report, session, i, when):
    from voicecoach.storage.store import _analysis_columns

    row = {"session_id": session, "question_id": f"q{i % 17}", "question_text": f"Question {i % 17}",
           "category": ["behavioral", "product_sense", "ml_system_design"][i % 3], "recorded_at": when,
           **_analysis_columns(report)}
    return f"INSERT INTO answers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        began = time.perf_counter()
        seed(store, args.answers)
        size = (Path(tmp) / "history.sqlite3").stat().st_size / 2**20
        print(f"{args.answers} answers over a year, database {size:.0f} MB (seeded in {time.perf_counter() - began:.1f} s)")
        weeks = best_of(5, lambda: period_stats(store, "week"))
        category = best_of(5, lambda: period_stats(store, "week", Filters(category="behavioral")))
        days = best_of(5, lambda: period_stats(store, "day"))
        text = best_of(5, lambda: trends_text(store, Filters()))
        listing = best_of(5, lambda: history(store, Filters(), 1000))
        opening = best_of(5, lambda: Store(Path(tmp)).close())  # includes the integrity check
        cold = time.perf_counter()
        subprocess.run([sys.executable, "-m", "voicecoach", "--data-dir", tmp, "trends", "--weeks", "52"],
                       check=True, capture_output=True)
        command = time.perf_counter() - cold
    print(f"weekly aggregates, all answers:        {weeks * 1000:7.1f} ms")
    print(f"weekly aggregates, one category:       {category * 1000:7.1f} ms")
    print(f"daily aggregates, all answers:         {days * 1000:7.1f} ms")
    print(f"trends text with change statements:    {text * 1000:7.1f} ms")
    print(f"history list (newest 1000):            {listing * 1000:7.1f} ms")
    print(f"opening the history (integrity check): {opening * 1000:7.1f} ms")
    print(f"`voicecoach trends --weeks 52`, whole process: {command:.2f} s  (goal: well under 1 s)")


if __name__ == "__main__":
    main()

"""The HTML report (`voicecoach export --format html`) opened in a real browser: Debian's chromium,
driven by Playwright. Every chart and timeline is drawn with a size, the legend shows, and the page
logs no error; with one week of practice it says so instead of drawing one-point charts."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from seed import report_with
from test_snapshots import reviewed_report

from voicecoach.history.commands import export
from voicecoach.history.trends import METRICS, measured
from voicecoach.storage.queries import Filters, period_stats
from voicecoach.storage.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def seeded(data_dir: Path, weeks: int) -> Store:
    """`weeks` weeks of answers at fixed dates, and one full analysis with pauses, fillers and signals."""
    store = Store(data_dir)
    for week in range(weeks):
        report = report_with(answer_s=150 - 10 * week, fillers_per_min=6.0 - 0.8 * week, long_pauses=1,
                             longest_pause_s=6.5, verdict="over", wpm=128 + 3 * week, hedges=3, boosters=1,
                             think_s=2.0)
        store.save_answer(report, question_text=f"Question {week}", category="product_sense",
                          recorded_at=f"{date(2026, 10, 5) + timedelta(weeks=week)}T09:30:00")
    store.save_answer(reviewed_report(), question_text="How would you measure the success of Discover Weekly?",
                      category="product_sense", recorded_at=f"{date(2026, 10, 6) + timedelta(weeks=weeks - 1)}T10:00:00")
    return store


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("chromium is missing: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def opened(browser, page_html: str, path: Path):
    """The page loaded from a file, with every answer unfolded, and the errors it logged."""
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page, errors


def sizes(page, selector: str) -> list[tuple[float, float]]:
    return page.evaluate(f"""[...document.querySelectorAll({selector!r})].map(e => {{
        const r = e.getBoundingClientRect(); return [r.width, r.height]; }})""")


def test_a_multi_week_report_draws_every_chart_timeline_and_legend(browser, tmp_path):
    store = seeded(tmp_path / "data", weeks=6)
    periods = period_stats(store, "week", Filters())
    page, errors = opened(browser, export(store, "html", Filters()), tmp_path / "history.html")
    charts = sizes(page, "svg.chart")
    assert len(charts) == sum(bool(measured(m, periods)) for m in METRICS) >= 6
    timelines = sizes(page, "svg.timeline")
    assert len(timelines) == 7
    assert all(w > 200 and h > 10 for w, h in charts + timelines), charts + timelines
    legend = page.locator(".legend span")
    assert legend.count() == 5 and all(legend.nth(k).is_visible() for k in range(5))
    assert "long pause (over 5 s)" in page.inner_text(".legend")
    # The full answer: its metrics, hedges and signals, and its tips, under a timeline with an axis.
    full = page.locator("details.answer", has_text="Discover Weekly")
    text = full.inner_text()
    assert "Hedges\t“I think” at 21.9 s, “might” at 22.8 s, “maybe” at 23.1 s" in text, text
    assert "Metric (first)\t“weekly active minutes”" in text and "Decision rule\t“If minutes rise" in text
    assert full.locator("ul.tips li").count() >= 2 and full.locator("svg.timeline text").count() == 5
    assert errors == []
    page.close()


def test_the_debrief_page_shows_each_verdict_with_its_evidence(browser, tmp_path):
    from test_debrief import STRONG, WEAK, report_of

    from voicecoach.analysis.debrief import ROWS
    from voicecoach.history.debrief import session_debrief

    store = Store(tmp_path / "data")
    session = store.create_session("spotify-ml-ds", "Spotify", "", 2)
    store.save_answer(report_of(STRONG), session_id=session, question_text="Evaluate <the> model.")
    store.save_answer(report_of(WEAK), session_id=session, question_text="Would you ship it?")
    page, errors = opened(browser, session_debrief(store, fmt="html")[1], tmp_path / "debrief.html")
    assert page.locator("table.scorecard tr").count() == len(ROWS) + 1
    assert page.locator("ol li").first.inner_text() == "Evaluate <the> model."  # escaped, shown as typed
    metric = page.locator("table.scorecard tr", has_text="Metric-first framing").inner_text()
    assert "✓ metric first\n“retention” at 2.2 s" in metric and "✗ no metric" in metric
    assert page.locator("td.bad").count() >= 8 and "Practise next" in page.inner_text("body")
    assert errors == []
    page.close()


def test_one_week_says_so_instead_of_one_point_charts(browser, tmp_path):
    store = seeded(tmp_path / "data", weeks=1)
    page, errors = opened(browser, export(store, "html", Filters()), tmp_path / "history.html")
    assert page.locator("svg.chart").count() == 0
    assert "One week of practice so far (2026-10-05): the charts start with a second week." in page.inner_text("body")
    assert "2 answers, 1 week." in page.inner_text("body")
    assert errors == []
    page.close()

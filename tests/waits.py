"""Waiting on a headless app (Textual's Pilot) for what a test needs to see, never for a time:
the suite runs beside other programs on two cores."""

import time


def on_screen(app, kind) -> bool:
    """Whether `app` shows a screen of `kind` that is mounted: its on_mount has filled it. (The
    switch is seen before that runs; on a loaded machine a test read a review's empty tables.)"""
    return isinstance(app.screen, kind) and app.screen.is_mounted


async def until(pilot, condition, timeout: float = 60.0) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.05)

"""Textual's Header, safe to tear down.

Header sets its title from watchers that run after the event that scheduled them. When a screen is
switched away quickly (a person pressing `r` on the review screen as it appears, which a loaded
machine makes likely), the watcher can run after the header's title widget is gone, and Textual's
Header then raises NoMatches and takes the app down (seen in test_tui under a CPU hog). A header
being torn down has no title to update.
"""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Header(TextualHeader):
    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # replaces Header's own handler, which does not catch NoMatches
        Widget._on_mount(self, event)

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        for owner in (self.app, self.screen):
            self.watch(owner, "title", set_title)
            self.watch(owner, "sub_title", set_title)

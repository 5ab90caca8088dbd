"""Settings: the input device, and reading questions aloud."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static, Switch
from textual.widgets.option_list import Option

from voicecoach import voice
from voicecoach.audio.recorder import input_devices
from voicecoach.errors import VoicecoachError
from voicecoach.tui.plain import plain
from voicecoach.tui.widgets.header import Header


class SettingsScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Label("Input device", classes="title")
            yield OptionList(id="devices")
            yield Static(id="device-status", classes="muted")
            with Horizontal(classes="muted"):
                yield Label("Read questions aloud ")
                yield Switch(value=self.app.read_aloud, id="read-aloud", disabled=voice.engine() is None)
            yield Static("" if voice.engine() else "No text-to-speech voice found (Piper, or espeak-ng).",
                         classes="muted")
            with Horizontal(classes="muted"):
                yield Label("Cues while recording (slow down, louder, pause here) ")
                yield Switch(value=self.app.live_cues, id="live-cues")
        yield Footer()

    def on_mount(self) -> None:
        devices = self.query_one("#devices", OptionList)
        status = self.query_one("#device-status", Static)
        try:
            found = input_devices()
        except VoicecoachError as exc:
            status.update(plain(str(exc)))
            return
        if not found:
            status.update("No input device found: connect a microphone.")
        chosen = self.app.recorder_options.device
        for device in found:
            mark = " (default)" if device.is_default else ""
            devices.add_option(Option(plain(f"{device.name}{mark} · {device.default_rate:.0f} Hz"), id=str(device.index)))
            if chosen in (device.index, device.name) or (chosen is None and device.is_default):
                devices.highlighted = devices.option_count - 1
        self.devices = found

    @on(OptionList.OptionSelected, "#devices")
    def choose(self, event: OptionList.OptionSelected) -> None:
        device = self.devices[event.option_index]
        self.app.choose(device=device.name or device.index)
        self.query_one("#device-status", Static).update(f"Recording from {device.name}.")

    @on(Switch.Changed, "#read-aloud")
    def toggle_voice(self, event: Switch.Changed) -> None:
        self.app.choose(read_aloud=event.value)

    @on(Switch.Changed, "#live-cues")
    def toggle_cues(self, event: Switch.Changed) -> None:
        self.app.choose(live_cues=event.value)

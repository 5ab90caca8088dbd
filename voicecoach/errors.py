"""The one exception type the CLI and the TUI show to a person as a single line."""


class VoicecoachError(Exception):
    """A problem with the user's input or setup, with a message that says what to do."""

"""voicecoach: rehearse interview answers out loud and see what a panel would hear."""

__version__ = "0.1.0"

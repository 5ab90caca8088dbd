"""Local history: every session and answer in SQLite, in the platform data directory."""

from voicecoach.storage.store import Store, StoredAnswer, StoredSession

__all__ = ["Store", "StoredAnswer", "StoredSession"]

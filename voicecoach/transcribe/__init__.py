"""Audio to words with times: model resolution and faster-whisper."""

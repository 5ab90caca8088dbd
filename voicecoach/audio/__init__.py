"""Audio in: decoding files, finding speech in them (and, later, recording)."""

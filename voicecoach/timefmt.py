"""Times as people read them: "42.5 s" under a minute, "2:05" past it."""


def clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds, 1), 60)
    return f"{int(minutes)}:{int(secs):02d}" if minutes else f"{secs:.1f} s"

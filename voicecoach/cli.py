"""Command line: `voicecoach analyze FILE`, `voicecoach model fetch NAME`, `voicecoach paths`."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from typing import Optional, Sequence

from voicecoach import __version__, paths
from voicecoach.errors import VoicecoachError, error_line


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _command(group, name: str, help: str, **kwargs) -> argparse.ArgumentParser:
    """A subcommand whose one-line help is also its description (what `voicecoach NAME -h` says)."""
    kwargs.setdefault("description", help[0].upper() + help[1:] + ".")
    return group.add_parser(name, help=help, **kwargs)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """One line, exit 2 (argparse's usage block buries what is wrong)."""
        self.exit(2, f"voicecoach: {message} (see: {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="voicecoach", description="Rehearse interview answers out loud and review how they sound."
    )
    parser.add_argument("--version", action="version", version=f"voicecoach {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="history and recordings (default: %s)" % paths.data_dir())
    parser.add_argument("--device", metavar="INDEX|NAME", help="input device (see: voicecoach devices)")
    parser.add_argument("--model", dest="app_model", metavar="NAME|PATH", help="Whisper model for the app")
    parser.add_argument("--input-file", type=Path, metavar="FILE",
                        help="play FILE into the recorder as if it were the microphone (demos, no mic)")
    parser.add_argument("--read-aloud", action="store_true", help="read each question aloud (Piper; espeak-ng as a fallback)")
    # --data-dir and -v also work after the command ("voicecoach history --data-dir X").
    shared = _Parser(add_help=False)
    shared.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    shared.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", parser_class=_with_parents(shared))

    analyze = _command(
        commands, "analyze", help="analyse recorded answers (WAV, FLAC, MP3, OGG, M4A)",
        description="Analyse one or more recorded answers: a report each, and a summary table for several.",
    )
    analyze.add_argument("files", nargs="+", metavar="FILE", help="recordings; quoted globs (\"takes/*.wav\") are expanded")
    analyze.add_argument("--json", action="store_true",
                         help="print the full analysis as JSON (an array of them for several files)")
    analyze.add_argument("--target", type=float, metavar="SECONDS", help="target answer length (120)")
    analyze.add_argument("--long-pause", type=float, metavar="SECONDS", help="long-pause threshold (5.0)")
    analyze.add_argument("--model", metavar="NAME|PATH", help="Whisper model (default: embedded tiny.en)")
    analyze.add_argument(
        "--category", default="", metavar="CATEGORY",
        help="the question's category (e.g. behavioral, ml_system_design): its expected content "
             "signals become tips when missing",
    )
    analyze.add_argument("--save", action="store_true", help="import the recording and its analysis into the history")
    analyze.add_argument("--question", default="", help="with --save: the question it answers (default: none)")
    analyze.add_argument("--question-id", metavar="ID",
                         help="a question of the banks (e.g. lr-playlist-budget): its category, target length "
                              "and the constraint its interviewer states part-way are used (default: none)")

    def filtered(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--category", default="", help="only this question category (default: all)")
        sub.add_argument("--bank", default="", help="only this question bank, by id (default: all)")
        sub.add_argument("--since", type=since_date, metavar="WHEN",
                         help="only answers from WHEN on: a date (2026-11-02), 7d, 2w, today or yesterday")

    listing = _command(commands, "history", help="list answers in the history")
    filtered(listing)
    listing.add_argument("--limit", type=_positive_int, default=50,
                         help="show at most this many, newest first (default 50)")

    trends = _command(commands, "trends", help="fluency per week, and how it changed")
    filtered(trends)
    trends.add_argument("--weeks", type=_positive_int, default=8, help="how many weeks back (default 8)")
    trends.add_argument("--by", choices=("week", "day"), default="week", help="one point per week or day (default week)")

    export = _command(commands, "export", help="export the history (csv, json, md, html)")
    filtered(export)
    export.add_argument("--format", choices=("csv", "json", "md", "html"), default="html",
                        help="csv (one row per answer), json, md or html (one offline page) (default html)")
    export.add_argument("--out", type=Path, help="write here (default: standard output)")

    brief = _command(commands, "debrief", help="a session's scorecard as the panel would debrief it (Markdown)")
    brief.add_argument("--session", type=int, metavar="ID", help="which session (default: the latest)")
    brief.add_argument("--format", choices=("md", "html"), default="md",
                       help="md (Markdown) or html (one offline page) (default md)")
    brief.add_argument("--by-week", action="store_true",
                       help="every answer's verdicts, week by week, instead of one session (default: off)")
    brief.add_argument("--weeks", type=_positive_int, default=12, metavar="N",
                       help="with --by-week, the last N weeks (default 12)")
    brief.add_argument("--out", type=Path, help="write here (default: standard output)")

    again = _command(commands, "reanalyze", help="re-run the analysis of stored recordings")
    again.add_argument("--model", metavar="NAME|PATH", help="Whisper model for the new analysis (default: embedded tiny.en)")
    again.add_argument("--id", type=int, action="append", dest="ids", help="only this answer; repeatable (default: all)")

    model = _command(commands, "model", help="manage Whisper models")
    model_commands = model.add_subparsers(dest="model_command")
    fetch = _command(model_commands, "fetch", help="download a CTranslate2 Whisper model (needs network)")
    fetch.add_argument("name", help="e.g. base.en, small.en")

    _command(commands, "paths", help="print where settings, lexicons, models and data live")
    _command(commands, "devices", help="list audio input devices")
    return parser


def _app(args: argparse.Namespace) -> int:
    from functools import partial

    from voicecoach.tui.app import create_app

    stream_factory = None
    if args.input_file:
        import numpy as np

        from voicecoach.audio.decode import load_audio
        from voicecoach.audio.recorder import FileInput

        samples = load_audio(args.input_file, keep_16_bit=True).samples
        if samples.dtype != np.int16:
            samples = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
        stream_factory = partial(FileInput, samples, then_silence=True)  # a microphone goes on after the answer
    device = int(args.device) if args.device and args.device.isdigit() else args.device
    app = create_app(args.data_dir, model=args.app_model, device=device, stream_factory=stream_factory,
                     read_aloud=args.read_aloud)
    app.run()
    return app.return_code or 0


def _devices() -> int:
    from voicecoach.audio.recorder import input_devices

    found = input_devices()
    for device in found:
        print(f"{device.index:3d}  {device.name}{'  (default)' if device.is_default else ''}"
              f"  {device.default_rate:.0f} Hz")
    if not found:
        print("no input devices found")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from voicecoach.options import with_overrides
    from voicecoach.pipeline import Analyzer
    from voicecoach.settings import load_settings
    from voicecoach.text_report import render

    settings = load_settings()
    question = _bank_question(args.question_id) if args.question_id else None
    if question is not None:
        args.category = args.category or question.category
        args.target = args.target if args.target is not None else question.target_s
        args.question = args.question or question.text
    constraint = question.constraint if question is not None else None
    try:
        analysis = with_overrides(settings.analysis, "analyze", target_s=args.target, long_pause_s=args.long_pause)
    except ValueError as exc:
        raise VoicecoachError(str(exc).replace("target_s", "--target").replace("long_pause_s", "--long-pause")) from None
    settings = replace(settings, analysis=analysis)
    files = _expanded(args.files)
    # A history that cannot take the answers (damaged, locked, unwritable) says so before any analysis.
    store = _store(args) if args.save else None
    analyzer = Analyzer.load(args.model or args.app_model, settings)
    analyzer.check_category(args.category)
    if len(files) == 1:
        report = analyzer.analyze_file(files[0], args.category, constraint=constraint)
        print(report.to_json() if args.json else render(report))
        if args.save:
            _save(store, args, report, files[0], named=False)
        return 0
    # Several files: a failure in one is its own line and the others go on.
    reports, failed = [], 0
    for path in files:
        try:
            report = analyzer.analyze_file(path, args.category, constraint=constraint)
        except VoicecoachError as exc:
            print(f"voicecoach: {exc}", file=sys.stderr)
            failed += 1
            continue
        reports.append(report)
        if not args.json:
            print(f"== {path}\n{render(report)}\n")
        if args.save:
            _save(store, args, report, path, named=True)
    if args.json:
        print("[" + ",\n".join(r.to_json() for r in reports) + "]")
    else:
        print(summary_table(reports))
    return 1 if failed else 0


def _bank_question(question_id: str):
    """The question with this id in the banks, or a one-line error naming where to look."""
    from voicecoach.banks import load_banks

    banks = load_banks(paths.bank_dirs()).banks
    for bank in banks:
        for question in bank.questions:
            if question.id == question_id:
                return question
    raise VoicecoachError(f"no question {question_id!r} in the banks ({', '.join(str(p) for p in paths.bank_dirs())})")


def _save(store, args: argparse.Namespace, report, path: str, named: bool) -> None:
    """Import the recording and its analysis; `named`: say which file (one of several)."""
    from voicecoach.history.commands import import_answer

    answer_id = import_answer(store, report, Path(path), args.question, args.category)
    print(f"{path + ': ' if named else ''}saved to the history as answer {answer_id}", file=sys.stderr)


def _expanded(patterns: Sequence[str]) -> list[str]:
    """The files named, with quoted globs expanded (sorted); a glob matching nothing is an error."""
    import glob

    files = []
    for pattern in patterns:
        if not Path(pattern).exists() and glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern))
            if not matches:
                raise VoicecoachError(f"no file matches {pattern}")
            files += matches
        else:
            files.append(pattern)
    return files


def summary_table(reports) -> str:
    """One line per analysed file: length, pace, fillers, long pauses."""
    from voicecoach.timefmt import clock

    width = max([len(Path(r.source).name) for r in reports] + [4])
    lines = [f"{'file':{width}}  {'length':>7}  {'verdict':9}  {'wpm':>4}  {'fillers':>7}  {'long pauses':>11}"]
    for r in reports:
        m = r.metrics
        lines.append(f"{Path(r.source).name:{width}}  {clock(r.answer_s):>7}  {m.length_verdict:9}  {m.wpm:>4.0f}  "
                     f"{m.filler_count:>7}  {m.long_pause_count:>11}")
    return "\n".join(lines)


def _with_parents(shared: argparse.ArgumentParser):
    """A subcommand parser class that also takes the options in `shared`."""
    class Sub(_Parser):
        def __init__(self, **kwargs):
            super().__init__(parents=[shared], **kwargs)
    return Sub


def since_date(text: str) -> str:
    """An ISO date, or a time ago ("7d", "2w", "today", "yesterday"), as the ISO date it means."""
    from datetime import date, timedelta

    word = text.strip().lower()
    today = date.today()
    named = {"today": 0, "yesterday": 1}
    if word in named:
        return (today - timedelta(days=named[word])).isoformat()
    ago = re.fullmatch(r"(\d+)\s*([dw])", word)
    if ago:
        days = int(ago.group(1)) * (7 if ago.group(2) == "w" else 1)
        return (today - timedelta(days=days)).isoformat()
    try:
        return date.fromisoformat(word).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (2026-11-02), a time ago (7d, 2w), today or yesterday"
        ) from None


def _store(args: argparse.Namespace):
    from voicecoach.storage import Store

    return Store(args.data_dir or paths.data_dir())


def _filters(args: argparse.Namespace, weeks: Optional[int] = None):
    from voicecoach.history.commands import since_weeks
    from voicecoach.storage.queries import Filters

    since = args.since or since_weeks(weeks)
    return Filters(category=args.category, bank_id=args.bank, since=since)


def _debrief(store, args: argparse.Namespace) -> str:
    from voicecoach.history.commands import since_weeks
    from voicecoach.history.debrief import session_debrief, weekly_markdown, weekly_scorecards
    from voicecoach.settings import load_settings

    options = load_settings().analysis
    if args.by_week:
        if args.session is not None:
            raise VoicecoachError("--by-week covers every session; leave out --session")
        if args.format == "html":
            raise VoicecoachError("--by-week is Markdown only; leave out --format html")
        return weekly_markdown(weekly_scorecards(store, since_weeks(args.weeks), options))
    return session_debrief(store, args.session, options, args.format)[1]


def _history(args: argparse.Namespace) -> int:
    from voicecoach.history import commands
    from voicecoach.storage.queries import history

    store = _store(args)
    if getattr(args, "category", ""):
        _check_category(store, args.category)
    if args.command == "history":
        print(commands.history_table(store, _filters(args), args.limit))
    elif args.command == "trends":
        print(commands.trends_text(store, _filters(args, args.weeks), args.by))
    elif args.command in ("export", "debrief"):
        if args.command == "export":
            text = commands.export(store, args.format, _filters(args))
        else:
            text = _debrief(store, args)
        if args.out:
            try:
                args.out.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise VoicecoachError(f"cannot write {args.out}: {exc.strerror}") from None
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    else:
        from voicecoach.pipeline import Analyzer

        known = {row.id for row in history(store)}
        missing = sorted(set(args.ids or []) - known)
        if missing:
            raise VoicecoachError(f"no answer {', '.join(map(str, missing))} in the history (see: voicecoach history)")
        done, skipped = commands.reanalyze(store, Analyzer.load(args.model or args.app_model), args.ids)
        print(f"re-analysed {done} answer(s), skipped {skipped}; earlier results are kept")
    return 0


def _check_category(store, category: str) -> None:
    """A category neither the history nor signals.toml knows is a typo: say which exist."""
    from voicecoach.settings import load_lexicons

    used = {row[0] for row in store.query("SELECT DISTINCT category FROM answers WHERE category != ''", ())}
    known = used | set(load_lexicons().signals.expected)
    if category not in known:
        raise VoicecoachError(f"unknown category {category!r}; known: {', '.join(sorted(known))}")


def _paths() -> int:
    print(f"prompts (banks, lexicons, defaults): {paths.prompts_dir()}")
    print(f"config (config.toml, lexicons/):     {paths.config_dir()}")
    print(f"data (history, recordings):          {paths.data_dir()}")
    print("question banks:                      " + ", ".join(str(p) for p in paths.bank_dirs()))
    print("rounds:                              " + ", ".join(str(p) for p in paths.round_dirs()))
    print("models searched for --model NAME:    " + ", ".join(str(p) for p in paths.model_dirs()))
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from voicecoach.transcribe.models import fetch_model

    target = fetch_model(args.name, paths.data_dir() / "models")
    print(f"saved {args.name} to {target}; use it with  --model {args.name}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    os.umask(0o077)  # recordings, the history and exports are for their owner's eyes only
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="voicecoach: %(message)s"
    )
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "model":
            if args.model_command is None:
                _parser().parse_args(["model", "--help"])
            return _fetch(args)
        if args.command == "paths":
            return _paths()
        if args.command == "devices":
            return _devices()
        if args.command in ("history", "trends", "export", "reanalyze", "debrief"):
            return _history(args)
        return _app(args)
    except (VoicecoachError, OSError) as exc:  # OSError: a full disk, a vanished file
        print(f"voicecoach: {error_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("voicecoach: interrupted", file=sys.stderr)
        return 130

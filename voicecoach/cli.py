"""Command line: `voicecoach analyze FILE`, `voicecoach model fetch NAME`, `voicecoach paths`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Optional, Sequence

from voicecoach import __version__, paths
from voicecoach.errors import VoicecoachError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicecoach", description="Rehearse interview answers out loud and review how they sound."
    )
    parser.add_argument("--version", action="version", version=f"voicecoach {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="history and recordings (default: %s)" % paths.data_dir())
    parser.add_argument("--device", metavar="INDEX|NAME", help="input device (see: voicecoach devices)")
    parser.add_argument("--model", dest="app_model", metavar="NAME|PATH", help="Whisper model for the app")
    parser.add_argument("--input-file", type=Path, metavar="FILE",
                        help="play FILE into the recorder as if it were the microphone (demos, no mic)")
    parser.add_argument("--read-aloud", action="store_true", help="read each question aloud (espeak-ng)")
    commands = parser.add_subparsers(dest="command")

    analyze = commands.add_parser("analyze", help="analyse a recorded answer (WAV, FLAC, MP3, OGG, M4A)")
    analyze.add_argument("file")
    analyze.add_argument("--json", action="store_true", help="print the full analysis as JSON")
    analyze.add_argument("--target", type=float, metavar="SECONDS", help="target answer length (120)")
    analyze.add_argument("--long-pause", type=float, metavar="SECONDS", help="long-pause threshold (5.0)")
    analyze.add_argument("--model", metavar="NAME|PATH", help="Whisper model (default: embedded tiny.en)")
    analyze.add_argument(
        "--category", default="", metavar="CATEGORY",
        help="the question's category (e.g. behavioral, ml_system_design): its expected content "
             "signals become tips when missing",
    )

    model = commands.add_parser("model", help="manage Whisper models")
    model_commands = model.add_subparsers(dest="model_command", required=True)
    fetch = model_commands.add_parser("fetch", help="download a CTranslate2 Whisper model (needs network)")
    fetch.add_argument("name", help="e.g. base.en, small.en")

    commands.add_parser("paths", help="print where settings, lexicons, models and data live")
    commands.add_parser("devices", help="list audio input devices")
    return parser


def _app(args: argparse.Namespace) -> int:
    from functools import partial

    from voicecoach.tui.app import create_app

    stream_factory = None
    if args.input_file:
        import numpy as np

        from voicecoach.audio.decode import load_audio
        from voicecoach.audio.recorder import FileInput

        samples = (np.clip(load_audio(args.input_file).samples, -1, 1) * 32767).astype(np.int16)
        stream_factory = partial(FileInput, samples)
    device = int(args.device) if args.device and args.device.isdigit() else args.device
    app = create_app(args.data_dir, model=args.app_model, device=device, stream_factory=stream_factory,
                     read_aloud=args.read_aloud)
    app.run()
    return 0


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
    settings = replace(
        settings,
        analysis=with_overrides(settings.analysis, target_s=args.target, long_pause_s=args.long_pause),
    )
    report = Analyzer.load(args.model, settings).analyze_file(args.file, args.category)
    print(report.to_json() if args.json else render(report))
    return 0


def _paths() -> int:
    print(f"prompts (banks, lexicons, defaults): {paths.prompts_dir()}")
    print(f"config (config.toml, lexicons/):     {paths.config_dir()}")
    print(f"data (history, recordings):          {paths.data_dir()}")
    print("question banks:                      " + ", ".join(str(p) for p in paths.bank_dirs()))
    print("models searched for --model NAME:    " + ", ".join(str(p) for p in paths.model_dirs()))
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from voicecoach.transcribe.models import fetch_model

    target = fetch_model(args.name, paths.data_dir() / "models")
    print(f"saved {args.name} to {target}; use it with  --model {args.name}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="voicecoach: %(message)s"
    )
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "model":
            return _fetch(args)
        if args.command == "paths":
            return _paths()
        if args.command == "devices":
            return _devices()
        return _app(args)
    except VoicecoachError as exc:
        print(f"voicecoach: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("voicecoach: interrupted", file=sys.stderr)
        return 130

"""`reader notes add|list|export|import|rm`: the annotations store from the command line."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the notes subcommand group (being built)."""
    notes = sub.add_parser("notes", help="highlights and notes kept about articles")
    notes.add_subparsers(dest="notes_command", required=True, metavar="ACTION")

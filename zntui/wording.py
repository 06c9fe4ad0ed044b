"""Sentences that the command line and the app both say, so that they say them alike.

The language rule (README, "Taal"): everything a person reads is Dutch; stable machine
formats (JSON keys and enum values, subcommand and option names, ids) stay as they are.
"""

from __future__ import annotations

EMPTY_FOLDER_HINT = (
    "geen casusbestanden (*.toml) gevonden. Open de map met casussen, "
    "of maak voorbeelden: zntui generate MAP --count 20"
)
"""What to do when a folder holds no case."""

EMPTY_FOLDER_LINE = "0 casussen: geen *.toml-bestanden in deze map · probeer: zntui generate MAP"
"""The same on one line of 80 columns (the app's status line)."""

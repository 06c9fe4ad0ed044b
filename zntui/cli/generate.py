"""``zntui generate``: synthetic cases; ``zntui new plugin``: a plugin package to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from zntui.cli.common import error
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK


def run_generate(args: argparse.Namespace) -> int:
    from zntui.generate import REGIONS, known_region, write_cases

    if args.count < 1:
        error("--count moet minstens 1 zijn")
        return EXIT_BAD_INPUT
    if args.dir.exists() and not args.dir.is_dir():
        error(f"{args.dir}: bestaat al en is geen map")
        return EXIT_BAD_INPUT
    if args.dir.is_dir() and any(args.dir.iterdir()) and not args.force:
        error(f"{args.dir}: de map is niet leeg; gebruik --force om er casussen bij te zetten")
        return EXIT_BAD_INPUT
    regions = [known_region(r) for r in args.region]
    if None in regions:
        unknown = ", ".join(r for r, k in zip(args.region, regions, strict=True) if k is None)
        error(f"onbekende regio {unknown}; kies uit: {', '.join(REGIONS)}")
        return EXIT_BAD_INPUT
    written, skipped = write_cases(
        args.dir, args.count, args.seed, [r for r in regions if r is not None]
    )
    print(f"{written} verzonnen casussen geschreven naar {args.dir} (startwaarde {args.seed})")
    if skipped:
        print(f"{skipped} bestonden al en zijn niet overschreven")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from zntui.scaffold import ScaffoldError, install_command, names, scaffold

    try:
        folder = args.dir or Path(names(args.name)["dist"])
        written = scaffold(args.name, folder)
    except ScaffoldError as exc:
        error(str(exc))
        return EXIT_BAD_INPUT
    for path in written:
        print(f"  {path}")
    print(
        f"\nPlugin geschreven naar {folder}. Daarna, zodat deze zntui hem vindt:\n"
        f"  {install_command(folder)}\n  zntui plugins\n"
        f"(zie {folder / 'README.md'} voor pipx, uv en een eigen kopie van zntui)"
    )
    return EXIT_OK

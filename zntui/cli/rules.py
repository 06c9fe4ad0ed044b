"""``zntui plugins`` and ``zntui rules``: what is loaded, and what each criterion means."""

from __future__ import annotations

import argparse
import json
import textwrap

from zntui.cli.common import error, registry_from_args
from zntui.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from zntui.model.framework import CheckKind, Scale
from zntui.untrusted import json_text, visible


def kind_words(kind: CheckKind, scale: Scale) -> str:
    """What a criterion's kind means, in the words of its framework's scale."""
    if kind is CheckKind.PART:
        return (
            "deels (gegevens tonen of het bewijs er is; de inspecteur oordeelt; "
            f"automatisch hoogstens '{scale.values[1].label}')"
        )
    if kind is CheckKind.JUDGE:
        return "oordeel inspecteur (niet beoordeeld tot de inspecteur oordeelt)"
    return "automatisch (casusgegevens beslissen)"


def run_plugins(args: argparse.Namespace) -> int:
    registry = registry_from_args(args)
    if registry is None:
        return EXIT_BAD_INPUT
    rows = []
    for info in registry.plugins.values():
        rule_count = sum(len(registry.frameworks[f].criteria) for f in info.frameworks)
        rows.append(
            {
                "name": info.name,
                "version": info.version,
                "source": info.source,
                "location": info.location,
                "frameworks": info.frameworks,
                "rules": rule_count,
                "checks": info.checks,
                "commands": info.commands,
                "error": info.error,
            }
        )
    if args.format == "json":
        print(json_text(json.dumps(rows, indent=2, ensure_ascii=False)))
        return EXIT_OK
    for row in rows:
        version = f" {row['version']}" if row["version"] else ""
        print(visible(f"{row['name']}{version}  [{row['source']}]"))
        print(f"    {visible(row['location'])}")
        if row["frameworks"]:
            print(f"    frameworks: {', '.join(row['frameworks'])} ({row['rules']} rules)")
        if row["checks"]:
            print(f"    checks: {len(row['checks'])}")
        if row["commands"]:
            print(f"    commands: {', '.join(row['commands'])}")
        if row["error"]:
            print(f"    ERROR: {visible(row['error'])}")
    if not rows:
        print("no plugins loaded")
    return EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    if args.explain_scoring:
        from zntui.engine import SCORING_EXPLANATION

        print(SCORING_EXPLANATION)
        return EXIT_OK
    registry = registry_from_args(args)
    if registry is None:
        return EXIT_BAD_INPUT
    if args.action == "explain":
        if not args.criterion:
            error("rules explain: which criterion? e.g. zntui rules explain ZN.IZ.2")
            return EXIT_BAD_INPUT
        return _explain(registry, args.criterion, args.format)
    unknown = [f for f in args.framework if f not in registry.frameworks]
    if unknown:
        error(f"unknown framework {', '.join(unknown)}; known: {', '.join(registry.frameworks)}")
        return EXIT_BAD_INPUT
    frameworks = [
        fw for fid, fw in registry.frameworks.items() if not args.framework or fid in args.framework
    ]
    if args.format == "json":
        out = []
        for fw in frameworks:
            for theme in fw.themes:
                for norm in theme.norms:
                    for c in norm.criteria:
                        out.append(
                            {
                                "framework": fw.id,
                                "theme": theme.id,
                                "norm": norm.id,
                                **c.model_dump(mode="json"),
                                "plugin": registry.framework_plugin[fw.id],
                            }
                        )
        print(json_text(json.dumps(out, indent=2, ensure_ascii=False)))
        return EXIT_OK
    for fw in frameworks:
        plugin = registry.framework_plugin[fw.id]
        print(f"{fw.id}  {fw.title} (versie {fw.version}) [plugin {plugin}]")
        for theme in fw.themes:
            print(f"  {theme.title}")
            for c in theme.criteria:
                flags = " ".join([c.kind.value] + (["voorlopig"] if c.provisional else []))
                width = 80 - 15 - len(flags) - 3
                text = textwrap.shorten(c.text, width, placeholder="…")
                print(f"    {c.id:<10} {text}  [{flags}]")
    return EXIT_OK


def _explain(registry, criterion_id: str, fmt: str) -> int:  # type: ignore[no-untyped-def]
    found = registry.criterion(criterion_id)
    if found is None:
        import difflib

        ids = [c.id for fw in registry.frameworks.values() for c in fw.criteria]
        hint = difflib.get_close_matches(criterion_id, ids, n=1)
        error(
            f"no criterion {criterion_id!r}"
            + (f"; did you mean {hint[0]}?" if hint else "; see `zntui rules`")
        )
        return EXIT_BAD_INPUT
    fw, theme, norm, c = found
    check = registry.checks.get(c.check) if c.check else None
    if fmt == "json":
        print(
            json.dumps(
                {
                    "framework": fw.id,
                    "theme": theme.id,
                    "norm": norm.id,
                    **c.model_dump(mode="json"),
                    "check_plugin": check.plugin if check else None,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    wrap = textwrap.TextWrapper(width=78, initial_indent="  ", subsequent_indent="  ")
    print(f"{c.id}  {c.text}")
    print(f"  ({c.gloss})")
    if c.provisional:
        print("  VOORLOPIG: de lezing van het project, niet de tekst van het toetsingskader.")
    print()
    print(
        f"Toetsingskader: {fw.title} (versie {fw.version}) [plugin "
        f"{registry.framework_plugin[fw.id]}]"
    )
    print(f"Thema:          {theme.title} ({theme.id})")
    print(f"Norm:           {norm.text} ({norm.id})")
    print(f"Soort:          {kind_words(c.kind, fw.scale)}")
    print(f"Gewicht:        {c.weight:g}")
    if c.check:
        origin = f"plugin {check.plugin}" if check else "NIET GEREGISTREERD"
        print(f"Check:          {c.check} [{origin}]")
    if c.params:
        print("Parameters:     " + ", ".join(f"{k} = {v!r}" for k, v in c.params.items()))
    if c.bottlenecks:
        print("Knelpunten:     " + ", ".join(c.bottlenecks) + " (verlagen één stap)")
    if c.passes:
        print("\nVoldoet als:")
        print(wrap.fill(c.passes))
    if c.fails:
        print("Voldoet niet als:")
        print(wrap.fill(c.fails))
    if check and check.function.__doc__:
        print("\nCheck (voor ontwikkelaars):")
        print(wrap.fill(" ".join(check.function.__doc__.split())))
    return EXIT_OK

"""The built-in ``zntui`` subcommands, in one place: name → where its ``run`` lives.

Plain data, imported by the CLI to build its parser and dispatch, and by the plugin
loader to refuse a plugin command that would shadow a built-in one.
"""

from __future__ import annotations

BUILTIN_COMMANDS: dict[str, str] = {
    "open": "zntui.cli.open:run_open",
    "check": "zntui.cli.check:run_check",
    "triage": "zntui.cli.triage:run_triage",
    "report": "zntui.cli.report:run_report",
    "schema": "zntui.cli.schema:run_schema",
    "generate": "zntui.cli.generate:run_generate",
    "new": "zntui.cli.generate:run_new",
    "plugins": "zntui.cli.rules:run_plugins",
    "rules": "zntui.cli.rules:run_rules",
    "judge": "zntui.cli.review:run_judge",
    "note": "zntui.cli.review:run_note",
    "status": "zntui.cli.review:run_status",
    "history": "zntui.cli.review:run_history",
    "unlock": "zntui.cli.review:run_unlock",
    "info": "zntui.cli.info:run_info",
    "cache": "zntui.cli.info:run_cache",
    "completion": "zntui.cli.completion:run_completion",
    "serve": "zntui.cli.serve:run_serve",
}
"""Each command's handler as ``module:function``; imported only when the command runs,
so that ``zntui --help`` stays light."""

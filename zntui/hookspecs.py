"""The hooks a zntui plugin can implement.

A plugin is a module (or object) with functions marked ``@hookimpl``::

    from zntui import hookimpl

    @hookimpl
    def zntui_register_frameworks(register):
        register(load_framework_toml(Path(__file__).with_name("rules.toml")))

Plugins are found through the ``zntui`` entry-point group, a ``--plugins-dir`` folder
(each ``.py`` file is a plugin) or the config. Every hook is called with keyword
arguments and an implementation may accept fewer arguments than the spec lists, so
hooks can grow without breaking plugins. zntui calls each plugin's implementation on
its own: a plugin that raises is reported and the others still load.
"""

from __future__ import annotations

from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("zntui")
hookimpl = pluggy.HookimplMarker("zntui")


@hookspec
def zntui_register_frameworks(register: Any) -> None:
    """Register frameworks (toetsingskaders) by calling ``register(framework)``.

    ``framework`` is a :class:`zntui.model.framework.Framework`, usually read with
    :func:`zntui.model.framework.load_framework_toml`. A framework id that another
    plugin already registered is refused with an error naming both plugins.
    """


@hookspec
def zntui_register_checks(register: Any) -> None:
    """Register checks by calling ``register(check_id, function)``.

    ``function(case, params)`` receives a validated :class:`zntui.model.Case` and the
    criterion's ``params`` (a dict) and returns a :class:`zntui.engine.Outcome`: a
    verdict id of the framework's scale (or ``niet_beoordeeld``) and evidence, a list of
    Dutch sentences naming members by role, never by name. A check must not modify the
    case. If it raises, that criterion shows a rule error naming this plugin; other
    criteria and cases are unaffected. A check id registered twice is refused.
    """


@hookspec
def zntui_register_commands(register: Any) -> None:
    """Add headless subcommands by calling ``register(name, help, add_arguments, run)``.

    ``add_arguments(parser)`` adds options to an :class:`argparse.ArgumentParser`;
    ``run(args)`` performs the command and returns the exit code (0 done, 1 findings,
    2 bad input). A name that clashes with a built-in command is refused.
    """

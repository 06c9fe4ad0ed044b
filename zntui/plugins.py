"""Plugin loading: one factory builds the manager and the registry of what plugins offer.

Nothing loads at import time. The CLI and the app call :func:`load_registry` once and
pass the :class:`Registry` on; tests build their own. Importing this module imports
neither pluggy nor the models: a warm start (:mod:`zntui.workflows.snapshot`) makes a
:class:`Registry` of copies without loading any plugin.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zntui.commands import BUILTIN_COMMANDS

if TYPE_CHECKING:
    import importlib.metadata
    from types import ModuleType

    from zntui.model.framework import Framework

ENTRY_POINT_GROUP = "zntui"
LOAD_PLUGINS_ENV = "ZNTUI_LOAD_PLUGINS"
"""Comma-separated entry-point names to load; unset loads all, empty loads none."""

Check = Callable[..., Any]

# What a plugin may raise while it is imported or registers: sys.exit() included, so a
# plugin cannot end zntui. (A Ctrl+C from the user still stops it.)
_PLUGIN_FAULTS = (Exception, SystemExit, GeneratorExit)


@dataclass
class PluginInfo:
    """What ``zntui plugins`` shows about one plugin."""

    name: str
    source: str
    """``entry point (dist)``, ``plugins dir``, or ``registered`` (tests)."""
    location: str = ""
    version: str = ""
    error: str | None = None
    frameworks: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegisteredCheck:
    id: str
    function: Check
    plugin: str


@dataclass(frozen=True)
class RegisteredCommand:
    name: str
    help: str
    add_arguments: Callable[[Any], None]
    run: Callable[[Any], int]
    plugin: str


@dataclass
class Registry:
    """Everything the loaded plugins registered, each stamped with its plugin."""

    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    framework_plugin: dict[str, str] = field(default_factory=dict)
    checks: dict[str, RegisteredCheck] = field(default_factory=dict)
    commands: dict[str, RegisteredCommand] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    """Problems found while loading: failed imports, refused registrations."""
    spec: dict[str, Any] | None = None
    """The arguments of :func:`load_registry` that rebuild this registry in another
    process; None when plugins were handed over in code."""

    def criterion(self, criterion_id: str) -> tuple[Framework, Any, Any, Any] | None:
        """(framework, theme, norm, criterion) for an id, across all frameworks."""
        for framework in self.frameworks.values():
            found = framework.locate(criterion_id)
            if found:
                return (framework, *found)
        return None


class _Loader:
    def __init__(self, disabled: Iterable[str]) -> None:
        import pluggy

        from zntui import hookspecs

        self.pm = pluggy.PluginManager("zntui")
        self.pm.add_hookspecs(hookspecs)
        self.disabled = set(disabled)
        self.registry = Registry()

    def add(self, name: str, plugin: object, info: PluginInfo) -> None:
        if name in self.disabled:
            return
        if name in self.registry.plugins:
            info.error = f"er is al een plugin {name!r} geladen; overgeslagen"
            self.registry.plugins[f"{name} ({info.source})"] = info
            self.registry.errors.append(f"plugin {name}: {info.error}")
            return
        try:
            self.pm.register(plugin, name=name)
            self.pm.check_pending()
        except Exception as exc:
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            self._fail(name, info, f"ongeldige plugin: {exc}")
            return
        self.registry.plugins[name] = info

    def _fail(self, name: str, info: PluginInfo, error: str) -> None:
        info.error = error
        self.registry.plugins[name] = info
        self.registry.errors.append(f"plugin {name}: {error}")

    def load_entry_points(self) -> None:
        import importlib.metadata

        allowed = os.environ.get(LOAD_PLUGINS_ENV)
        only = None if allowed is None else {n.strip() for n in allowed.split(",") if n.strip()}
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=_by_name):
            if (only is not None and ep.name not in only) or ep.name in self.disabled:
                continue
            dist, version = _name_and_version(ep.dist)
            info = PluginInfo(ep.name, f"entry point ({dist})", ep.value, version)
            try:
                module = ep.load()
            except _PLUGIN_FAULTS as exc:
                self._fail(ep.name, info, f"importeren mislukt van {ep.value}: {_one_line(exc)}")
                continue
            info.location = getattr(module, "__file__", None) or ep.value
            info.version = getattr(module, "__version__", version)
            self.add(ep.name, module, info)

    def load_dir(self, folder: Path) -> None:
        if not folder.is_dir():
            self.registry.errors.append(f"pluginmap {folder}: is geen map")
            return
        for path in sorted(folder.glob("*.py")):
            name = path.stem
            if name.startswith("_") or name in self.disabled:
                continue
            info = PluginInfo(name, "plugins dir", str(path))
            try:
                module = _import_file(path)
            except _PLUGIN_FAULTS as exc:
                self._fail(name, info, f"importeren mislukt van {path}: {_one_line(exc)}")
                continue
            info.version = str(getattr(module, "__version__", ""))
            self.add(name, module, info)

    def collect(self) -> Registry:
        self._call("zntui_register_frameworks", self._register_framework)
        self._call("zntui_register_checks", self._register_check)
        self._call("zntui_register_commands", self._register_command)
        return self.registry

    def _call(self, hook_name: str, make: Callable[[str], Callable[..., None]]) -> None:
        # Each implementation on its own, so one plugin's exception cannot hide another's,
        # in pluggy's call order: get_hookimpls() lists them in the reverse of the order a
        # hook call runs them (tryfirst last), so the first to register an id is the one
        # pluggy would have called first.
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            if impl.hookwrapper or getattr(impl, "wrapper", False):
                kind = "hookwrapper=True" if impl.hookwrapper else "wrapper=True"
                self._refuse(
                    impl.plugin_name,
                    f"{hook_name} is gedeclareerd met {kind}; zntui roept elke "
                    "registratiehook apart aan en kent geen wrappers, dus hij wordt genegeerd",
                )
                continue
            register = make(impl.plugin_name)
            kwargs = {"register": register} if "register" in impl.argnames else {}
            try:
                impl.function(**kwargs)
            except _PLUGIN_FAULTS as exc:
                self._refuse(impl.plugin_name, f"{hook_name} raised {_one_line(exc)}")

    def _refuse(self, plugin: str, error: str) -> None:
        self.registry.errors.append(f"plugin {plugin}: {error}")
        info = self.registry.plugins.get(plugin)
        if info and not info.error:
            info.error = error

    def _register_framework(self, plugin: str) -> Callable[..., None]:
        from zntui.model.framework import Framework

        def register(framework: Framework) -> None:
            if not isinstance(framework, Framework):
                raise TypeError(f"register() needs a Framework, got {type(framework).__name__}")
            owner = self.registry.framework_plugin.get(framework.id)
            if owner:
                self._refuse(
                    plugin, f"toetsingskader {framework.id!r} is al geregistreerd door {owner}"
                )
                return
            for other in self.registry.frameworks.values():
                clash = {c.id for c in other.criteria} & {c.id for c in framework.criteria}
                if clash:
                    self._refuse(
                        plugin,
                        f"toetsingskader {framework.id!r}: criteriumnummers {sorted(clash)} "
                        f"zijn al in gebruik bij toetsingskader {other.id!r}",
                    )
                    return
            self.registry.frameworks[framework.id] = framework
            self.registry.framework_plugin[framework.id] = plugin
            self.registry.plugins[plugin].frameworks.append(framework.id)

        return register

    def _register_check(self, plugin: str) -> Callable[..., None]:
        def register(check_id: str, function: Check) -> None:
            if not callable(function):
                raise TypeError(f"check {check_id!r}: not callable")
            existing = self.registry.checks.get(check_id)
            if existing:
                self._refuse(
                    plugin, f"controle {check_id!r} is al geregistreerd door {existing.plugin}"
                )
                return
            self.registry.checks[check_id] = RegisteredCheck(check_id, function, plugin)
            self.registry.plugins[plugin].checks.append(check_id)

        return register

    def _register_command(self, plugin: str) -> Callable[..., None]:
        def register(
            name: str,
            help: str,
            add_arguments: Callable[[Any], None],
            run: Callable[[Any], int],
        ) -> None:
            if name in BUILTIN_COMMANDS or name in self.registry.commands:
                self._refuse(plugin, f"opdracht {name!r} bestaat al")
                return
            self.registry.commands[name] = RegisteredCommand(name, help, add_arguments, run, plugin)
            self.registry.plugins[plugin].commands.append(name)

        return register


def _by_name(ep: importlib.metadata.EntryPoint) -> str:
    return ep.name


def _name_and_version(dist: importlib.metadata.Distribution | None) -> tuple[str, str]:
    """A distribution's name and version from the head of its metadata file.

    ``dist.name`` and ``dist.version`` each parse the whole file as an e-mail message,
    long description included: for zntui's own (its README) that was ~45 ms of every
    start-up. Name and Version are single-line headers before the first blank line
    (core metadata spec), so reading up to there gives the same two values.
    """
    if dist is None:
        return "?", ""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    name = version = ""
    for line in text.split("\n\n", 1)[0].splitlines():
        key, _, value = line.partition(":")
        if key == "Name" and not name:
            name = value.strip()
        elif key == "Version" and not version:
            version = value.strip()
    if not name:  # not the usual layout: let importlib.metadata read it
        return dist.name or "?", dist.version or ""
    return name, version


def _one_line(exc: BaseException) -> str:
    import traceback

    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return " ".join(text.split())


def _import_file(path: Path) -> ModuleType:
    import importlib.util

    module_name = f"zntui_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def load_registry(
    *,
    plugins_dirs: Sequence[Path] = (),
    disabled: Iterable[str] = (),
    entry_points: bool = True,
    extra: Sequence[tuple[str, object]] = (),
) -> Registry:
    """Load plugins and collect what they register.

    ``entry_points`` loads the ``zntui`` entry-point group (the built-ins included);
    ``plugins_dirs`` adds every ``.py`` file in those folders; ``extra`` registers
    (name, plugin object) pairs directly, for tests. ``disabled`` names are skipped.
    """
    disabled = list(disabled)
    loader = _Loader(disabled)
    # A plugin that prints while it loads must not corrupt stdout (the triage JSON).
    with contextlib.redirect_stdout(sys.stderr):
        if entry_points:
            loader.load_entry_points()
        for folder in plugins_dirs:
            loader.load_dir(Path(folder))
        for name, plugin in extra:
            loader.add(name, plugin, PluginInfo(name, "registered", repr(plugin)))
        registry = loader.collect()
    if not extra:
        registry.spec = {
            "plugins_dirs": [Path(p) for p in plugins_dirs],
            "disabled": sorted(disabled),
            "entry_points": entry_points,
        }
    return registry

"""How one check runs: a plugin's code over a case, kept from taking the run down.

A check is someone else's code. Whatever it does, the run goes on and the criterion
becomes a *regelfout* naming the plugin (:class:`CheckFault`):

- it raises anything, ``BaseException`` included: ``sys.exit()``, ``KeyboardInterrupt``
  raised by the check itself (a Ctrl+C from the user still stops the run),
  ``GeneratorExit``…;
- it calls ``os._exit()`` or ``os.abort()`` (looked up at call time): refused;
- it writes to ``sys.stdout`` (which may be the triage JSON): the output is kept out of
  stdout and the check fails, so the fault is seen rather than silently hidden;
- it runs longer than its time limit (:data:`DEFAULT_TIME_LIMIT`, or the framework's
  ``time_limit``). In the main thread (the CLI, and every worker process) a timer
  interrupts even a ``time.sleep``; in another thread (the app scoring a small folder)
  the check runs on a helper thread, and is left behind on it when it overruns.

What this cannot stop: a check that kills its process (``os.kill(os.getpid(), 9)``, a
crash in C). In worker processes that is a dead worker, handled in
:mod:`zntui.workflows.workers`.
"""

from __future__ import annotations

import atexit
import io
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

DEFAULT_TIME_LIMIT = 10.0
"""Seconds one check may take on one case unless its framework sets ``time_limit``."""


class CheckFault(Exception):
    """A check misbehaved; ``str()`` says how, in one line."""


class CheckTimeout(BaseException):
    """Raised inside a check that ran past its time limit (a BaseException, so that a
    check's ``except Exception`` does not swallow it)."""


class _PluginExit(BaseException):
    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


_state = threading.local()
_main = threading.main_thread()
_interrupted = False
_deadline: float | None = None
_timer_at: float | None = None
_alarm_ready: bool | None = None


def run_check(
    function: Callable[..., Any],
    case: object,
    params: dict[str, Any],
    *,
    time_limit: float | None = None,
) -> Any:
    """``function(case, params)``, or :class:`CheckFault` if it misbehaves."""
    global _deadline, _timer_at
    limit = DEFAULT_TIME_LIMIT if time_limit is None else time_limit
    # Inline rather than context managers: this runs for every criterion of every case.
    captured = io.StringIO()
    saved = sys.stdout, os._exit, os.abort
    sys.stdout, os._exit, os.abort = captured, _refused_exit, _refused_abort  # type: ignore[assignment]
    started = time.monotonic()
    deadline = started + limit
    try:
        if _alarm_usable():
            _deadline = deadline
            # A system call only when the pending timer would fire too late; otherwise
            # the handler moves it on (so a case's twenty checks cost none).
            if _timer_at is None or _timer_at > deadline:
                _timer_at = deadline
                signal.setitimer(signal.ITIMER_REAL, max(limit, 0.001))
            try:
                outcome = function(case, params)
            finally:
                _deadline = None
        else:
            outcome = _call_on_runner(function, case, params, deadline)
    except CheckTimeout:
        raise CheckFault(f"took longer than its time limit of {limit:g} s; stopped") from None
    except _PluginExit as exc:
        raise CheckFault(f"called {exc.how}; refused") from None
    except SystemExit as exc:
        raise CheckFault(f"called sys.exit({exc.code!r}); refused") from None
    except KeyboardInterrupt:
        if _interrupted:  # the user pressed Ctrl+C: stop the run, as they asked
            raise
        raise CheckFault("raised KeyboardInterrupt") from None
    except Exception:
        raise  # an ordinary error: the caller names it as before
    except BaseException as exc:
        raise CheckFault(f"raised {type(exc).__name__}: {exc}") from None
    finally:
        if sys.stdout is captured:
            sys.stdout = saved[0]
        os._exit, os.abort = saved[1], saved[2]  # type: ignore[assignment]
    if time.monotonic() - started > limit:
        raise CheckFault(f"took longer than its time limit of {limit:g} s")
    printed = captured.getvalue()
    if printed:
        first = " ".join(printed.split())[:60]
        raise CheckFault(
            f"wrote to stdout ({len(printed)} characters: {first!r}); checks must not print"
        )
    return outcome


def _refused_exit(code: object = None) -> None:
    raise _PluginExit(f"os._exit({code})")


def _refused_abort() -> None:
    raise _PluginExit("os.abort()")


# --- Ctrl+C from the user, told apart from a check raising KeyboardInterrupt ----------


def _on_sigint(signum: int, frame: object) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _note_sigint() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


# --- time limits ----------------------------------------------------------------------


def _on_alarm(signum: int, frame: object) -> None:
    global _timer_at
    if _deadline is None:
        _timer_at = None
        return
    left = _deadline - time.monotonic()
    if left > 0:
        _timer_at = _deadline
        signal.setitimer(signal.ITIMER_REAL, left)
        return
    # Again soon, in case the check swallows this one.
    _timer_at = time.monotonic() + 0.2
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    raise CheckTimeout


def _alarm_usable() -> bool:
    """SIGALRM is ours when we are the main thread and nobody else handled it."""
    global _alarm_ready
    if threading.current_thread() is not _main:
        return False
    if _alarm_ready is None:  # decided once: asking each time costs more than a check
        _alarm_ready = signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        if _alarm_ready:
            signal.signal(signal.SIGALRM, _on_alarm)
            _note_sigint()
    return _alarm_ready


def disarm() -> None:
    """Cancel the pending check timer: after a case's checks, so that no alarm arrives
    while other code runs (or, worse, after Python has restored SIGALRM's default)."""
    global _timer_at
    if _timer_at is not None and threading.current_thread() is _main:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _timer_at = None


atexit.register(disarm)


class _Runner:
    """A thread that runs checks for one other thread, so that the caller can stop
    waiting: a check stuck past its limit is left behind on it (a daemon), and the
    caller gets a new runner for the next check."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[tuple[Callable[[], Any], list[Any], threading.Event]]
        self.jobs = queue.SimpleQueue()
        thread = threading.Thread(target=self._loop, name="zntui-check", daemon=True)
        thread.start()

    def _loop(self) -> None:
        while True:
            job, box, done = self.jobs.get()
            try:
                box.append((True, job()))
            except BaseException as exc:
                box.append((False, exc))
            done.set()


def _call_on_runner(
    function: Callable[..., Any], case: object, params: dict[str, Any], deadline: float
) -> Any:
    runner = getattr(_state, "runner", None)
    if runner is None:
        runner = _state.runner = _Runner()
    box: list[Any] = []
    done = threading.Event()
    runner.jobs.put((lambda: function(case, params), box, done))
    if not done.wait(max(deadline - time.monotonic(), 0.0)):
        _state.runner = None  # left to its fate; the next check gets a fresh one
        raise CheckTimeout
    finished, value = box[0]
    if finished:
        return value
    raise value


def _after_fork() -> None:
    # A child has no pending timer of its parent's, nor its runner threads.
    global _timer_at
    _timer_at = None
    _state.__dict__.clear()


os.register_at_fork(after_in_child=_after_fork)

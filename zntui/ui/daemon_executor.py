"""The app's default executor: threads that a stuck check cannot hold.

Apart from :mod:`zntui.engine.check_run` so that the command line, which never needs it,
does not import ``concurrent.futures`` (and ``logging`` with it) at every start; here,
beside the app that alone uses it, because the engine is scoring only.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Callable
from typing import Any


class DaemonThreadExecutor(concurrent.futures.ThreadPoolExecutor):
    """Runs each job on a daemon thread, and gives up waiting for them at shutdown.

    asyncio (and so the app) joins its default executor's threads on the way out; a
    check blocked in ``time.sleep`` in one of them would keep a quitting app alive for
    as long as the check likes. With this executor the app waits at most ``grace``
    seconds (time enough for a save in progress to finish), then leaves.
    """

    # A ThreadPoolExecutor only because asyncio accepts nothing else as its default;
    # none of its pool is used.
    def __init__(self, grace: float = 2.0) -> None:
        super().__init__(max_workers=1)
        self.grace = grace
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)
            finally:
                with self._lock:
                    self._threads.discard(threading.current_thread())

        thread = threading.Thread(target=run, name="zntui-worker", daemon=True)
        with self._lock:
            self._threads.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=False)
        if not wait:
            return
        end = time.monotonic() + self.grace
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, end - time.monotonic()))

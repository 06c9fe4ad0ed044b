"""``zntui serve``: the app in a browser, on loopback only, without an editor on the server."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zntui.cli import build_parser
from zntui.cli.serve import app_command, start_message

EXE = Path(sys.executable).with_name("zntui")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc, so no extra dependency)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        todo += kids
    return found


def _listening(port: int) -> list[str]:
    """Local addresses listening on ``port`` (IPv4 and IPv6), as /proc/net shows them."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.append(address)
    return found


def test_read_only_unless_allowed_and_said_so() -> None:
    parser = build_parser()
    args = parser.parse_args(["serve", str(SAMPLES)])
    assert args.port == 8000 and "--read-only" in app_command(args)
    assert "alleen lezen" in start_message(args, "http://127.0.0.1:8000")
    allowed = parser.parse_args(["serve", str(SAMPLES), "--allow-changes", "-p", "no:x y"])
    command = app_command(allowed)
    assert "--read-only" not in command and "'no:x y'" in command  # quoted for the shell
    assert "--allow-changes" in start_message(allowed, "http://127.0.0.1:8000")


def test_serve_refuses_a_missing_folder(cli, tmp_path: Path) -> None:
    result = cli("serve", tmp_path / "nergens")
    assert result.code == 2 and "bestaat niet" in result.err


async def _drive(port: int, wanted: bytes, keys: str, then: bytes) -> tuple[bytes, bytes]:
    """Open the app's websocket as the page does; wait for ``wanted``, press ``keys``,
    wait for ``then``. Returns what was seen before and after the keys."""
    import aiohttp

    async def until(ws: aiohttp.ClientWebSocketResponse, marker: bytes, limit: float) -> bytes:
        seen, deadline = b"", time.monotonic() + limit
        while marker not in seen:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                message = await asyncio.wait_for(ws.receive(), left)
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                break  # closed
        return seen

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws,
    ):
        before = await until(ws, wanted, 120)
        await ws.send_json(["stdin", keys])
        after = await until(ws, then, 60)
        return before, after


def test_the_app_in_a_browser_session(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    port = _free_port()
    marker = tmp_path / "editor-ran"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\ntouch {marker}\nsleep 600\n")
    editor.chmod(0o755)
    env = {**os.environ, "VISUAL": str(editor), "EDITOR": str(editor)}
    server = subprocess.Popen(
        [EXE, "serve", SAMPLES, "--port", str(port), "--allow-changes", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        started = server.stdout.readline() + server.stdout.readline()
        assert f"http://127.0.0.1:{port}" in started, started
        assert "wijzigingen toegestaan" in started
        deadline = time.monotonic() + 60
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, and nothing else
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read()
        assert f"ws://127.0.0.1:{port}/ws".encode() in page

        before, after = asyncio.run(_drive(port, b"ZN-2026-0001", "e", b"In de browser opent"))
        assert b"ZN-2026-0001" in before and b"GGZ-2026-0102" in before  # the case list
        assert b"In de browser opent" in after  # `e` refuses, in Dutch
        assert not marker.exists(), "an editor was started on the server"
        # The tab is closed: its zntui process ends, nothing stays behind.
        deadline = time.monotonic() + 60
        while _children(server.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _children(server.pid) == []
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0

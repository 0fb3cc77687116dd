"""The real `reader` program in a pseudo-terminal, for fault tests: keys go in as the bytes a
terminal sends, what it draws is read back as it is written (escape sequences dropped), so a
test can act the very moment a word appears, and kill the program with SIGKILL."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=!$ ]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")
KEYS = {"right": "\x1b[C", "down": "\x1b[B", "enter": "\r", "ctrl+s": "\x13", "escape": "\x1b"}


def _take_terminal() -> None:
    """In the child, after `setsid`: make the pseudo-terminal its controlling terminal, as a
    real terminal is, so that when the test process goes (even killed) and the terminal with it,
    the program gets SIGHUP and ends instead of running on without a terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """One run of the program on a WIDTHxHEIGHT pseudo-terminal."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path,
                 size: tuple[int, int] = (140, 40)) -> None:
        master, slave = os.openpty()
        width, height = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.master = master
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave,
                                        env=env, cwd=cwd, start_new_session=True,
                                        preexec_fn=_take_terminal)
        os.close(slave)
        self.seen = b""  # everything drawn, escape sequences dropped
        self._raw = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program has gone (EIO)
            return False
        self._raw += chunk
        # Keep an unfinished escape sequence at the end for the next read.
        cut = self._raw.rfind(b"\x1b")
        done, self._raw = (self._raw[:cut], self._raw[cut:]) if cut >= 0 and len(
            self._raw) - cut < 64 else (self._raw, b"")
        self.seen += ESCAPES.sub(b"", done)
        return True

    def wait_for(self, pattern: str, timeout: float = 20.0, start: int = 0) -> int:
        """Read until `pattern` (a regex) is drawn after position `start` of what was seen;
        the position after the match."""
        wanted = re.compile(pattern.encode())
        deadline = time.monotonic() + timeout
        while True:
            found = wanted.search(self.seen, start)
            if found:
                return found.end()
            if self.process.poll() is not None and not self._read(0.05):
                raise AssertionError(f"the program exited ({self.process.returncode}) before "
                                     f"{pattern!r}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r}:\n{self.tail()}")
            self._read(0.05)

    def press(self, *keys: str) -> None:
        """Send keys (names from KEYS, or literal text)."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())

    def kill(self) -> None:
        """SIGKILL, at once: no clean-up of any kind runs in the program."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        os.close(self.master)

    def tail(self) -> str:
        return self.seen[-1500:].decode("utf-8", "replace")


def reader_command(article: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "reader", str(article), "--db", str(db)]

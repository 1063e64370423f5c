"""Watching the engine's processes while a run goes: the provider's peak RSS and CPU time.

Only descendants of this process are watched: other engineers' tests on the same machine run
their own `pulumi.dynamic` processes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROLES = {
    "provider": ("pulumi.dynamic", "pulumi-resource-ocamba"),
    "program": ("pulumi_language_host", "pulumi-language-yaml"),
}
"""Command-line markers of each role: the dynamic path's processes, and the native variant's
(the YAML language host runs the program, the plugin is the provider)."""


def _role(process: psutil.Process) -> str | None:
    try:
        command = " ".join(process.cmdline())
        name = process.name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None
    for role, markers in ROLES.items():
        if any(marker in command for marker in markers):
            return role
    return "engine" if name == "pulumi" else None


def _peak_rss(process: psutil.Process) -> int:
    # VmHWM is the kernel's own high-water mark: exact even between two samples.
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int(process.memory_info().rss)


@dataclass
class Usage:
    """Peak RSS (bytes) and CPU seconds per role, over every process of that role."""

    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)


class ProcessWatch:
    """`with ProcessWatch() as watch: run()`; then `watch.usage`."""

    def __init__(self, interval_s: float = 0.1) -> None:
        self.interval_s = interval_s
        self.usage = Usage()
        self._cpu_by_pid: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-watch", daemon=True)

    def __enter__(self) -> ProcessWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        for role, cpu in self._cpu_by_pid.values():
            self.usage.cpu_s[role] = self.usage.cpu_s.get(role, 0.0) + cpu

    def _loop(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.sample(me)
            self._stop.wait(self.interval_s)
        self.sample(me)

    def sample(self, root: psutil.Process) -> None:
        """Record every watched descendant of `root` once."""
        try:
            children = root.children(recursive=True)
        except psutil.NoSuchProcess:
            return
        for process in children:
            role = _role(process)
            if role is None:
                continue
            try:
                rss = _peak_rss(process)
                times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            self.usage.peak_rss[role] = max(self.usage.peak_rss.get(role, 0), rss)
            self._cpu_by_pid[process.pid] = (role, times.user + times.system)

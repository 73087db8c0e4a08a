"""Starts the Java launchers (bin/broker, bin/reward-worker) as child processes for the integration
tests: free ports, a bounded wait for their ready line, and a stop that always runs."""

import collections
import os
import signal
import socket
import subprocess
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
# Small heaps, quick JIT: the machines have 2 cores shared with other jobs.
JAVA_OPTS = os.environ.get("SCSTBUS_TEST_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JavaProcess:
    """A launcher in its own process group (the launcher execs java, so the group is the JVM's),
    its stdout and stderr tee'd into a log file and a tail kept for error messages."""

    def __init__(self, name, args, log_path):
        self.name = name
        self.log_path = log_path
        self._tail = collections.deque(maxlen=60)
        self._lines = []
        self._cond = threading.Condition()
        env = dict(os.environ, SCSTBUS_JAVA_OPTS=JAVA_OPTS)
        self._log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen([os.path.join(ROOT, "bin", args[0])] + list(args[1:]), cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, text=True, errors="replace")
        self._reader = threading.Thread(target=self._read, name=f"{name}-output", daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self._log.write(line)
            self._log.flush()
            with self._cond:
                self._tail.append(line.rstrip("\n"))
                self._lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, needle: str, timeout_s: float) -> str:
        """The first output line containing ``needle``; raises with the output tail when the
        process exits first or ``timeout_s`` passes."""
        until = time.monotonic() + timeout_s
        seen = 0
        with self._cond:
            while True:
                for line in self._lines[seen:]:
                    if needle in line:
                        return line.strip()
                seen = len(self._lines)
                if self.proc.poll() is not None and not self._reader.is_alive():
                    raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before printing "
                                       f"'{needle}'; output:\n{self.tail()}")
                left = until - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name} did not print '{needle}' within {timeout_s} s; output:\n"
                                       f"{self.tail()}")
                self._cond.wait(min(left, 1.0))

    def tail(self) -> str:
        with self._cond:
            return "\n".join(self._tail)

    def stop(self, timeout_s: float = 30.0):
        """SIGTERM (the launchers stop cleanly on it), SIGKILL after ``timeout_s``."""
        try:
            if self.proc.poll() is None:
                self._signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout_s)
                except subprocess.TimeoutExpired:
                    self._signal(signal.SIGKILL)
                    self.proc.wait(10)
        finally:
            self._reader.join(5)
            self._log.close()

    def _signal(self, sig):
        try:
            os.killpg(self.proc.pid, sig)  # the group this process leads: the JVM and nothing else
        except ProcessLookupError:
            pass

#!/usr/bin/env python3
"""CPU of idle reward-worker instances by thread, measured from /proc while `reward-worker bench` runs.

Runs the bench command given after `--` (process mode), waits for each of its idle phases ("idle:
measuring N unloaded instance(s) for S s" on stderr) and reads utime+stime of every thread of every
worker process from /proc/PID/task/*/stat at the given seconds after that line (the bench itself
measures from 2 s after it). Java thread names come from one `jcmd PID Thread.print` after the last
sample (so its own CPU falls outside the windows). Prints, per idle phase and window, the cores each
kind of thread used, averaged over the instances, and the whole process (threads that ended included).

    scripts/idle-threads.py --marks 2,12,62 -- bin/reward-worker bench --group cheap --instances 1,2 \\
        --dataset-json testdata/rsicd/rsicd_5caps.json --idle PT62S

No JFR, no agent: reading /proc costs the workers nothing.
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")
IDLE_LINE = re.compile(r"idle: measuring (\d+) unloaded instance")

# Java thread name -> kind; first match wins. Kafka prefixes its threads with the application and client ids.
KINDS = [
    (r"-GlobalStreamThread", "Kafka Streams global thread (references)"),
    (r"-StreamThread-\d+$", "Kafka Streams stream thread"),
    (r"-StateUpdater-", "Kafka Streams state updater"),
    (r"kafka-producer-network-thread", "Kafka producer network thread"),
    (r"kafka-coordinator-heartbeat-thread", "Kafka consumer heartbeat thread"),
    (r"kafka-admin-client-thread", "Kafka admin client thread"),
    (r"-CleanupThread$", "Kafka Streams state cleaner"),
    (r"^signal-\d+", "signal threads"),
    (r"^C2 CompilerThread", "JIT C2 compiler"),
    (r"^C1 CompilerThread", "JIT C1 compiler"),
    (r"^(GC Thread|G1 )", "GC (G1)"),
    (r"^VM Thread$", "VM thread (safepoints)"),
    (r"^VM Periodic Task Thread$", "VM periodic task thread"),
    (r"^Sweeper|^Service Thread$|^Monitor Deflation|^Notification Thread|^Common-Cleaner|^Signal Dispatcher"
     r"|^Reference Handler|^Finalizer|^Attach Listener", "other JVM threads"),
    (r"grpc|netty|^nioEventLoop", "gRPC / Netty"),
    (r"^main$", "main thread"),
]


def kind(name):
    for pattern, label in KINDS:
        if re.search(pattern, name):
            return label
    return "other: " + re.sub(r"\d+", "#", name)[:60]


def ticks(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of proc(5))


def snapshot(pid):
    """{tid: ticks} of the live threads, and the process's total ticks (ended threads included)."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            threads[int(tid)] = ticks(f"/proc/{pid}/task/{tid}/stat")
        except (FileNotFoundError, ProcessLookupError):
            pass
    return threads, ticks(f"/proc/{pid}/stat")


def thread_names(pid):
    out = subprocess.run(["jcmd", str(pid), "Thread.print"], capture_output=True, text=True).stdout
    names = {}
    for line in out.splitlines():
        m = re.match(r'^"(.*)".* nid=(0x[0-9a-f]+)', line)
        if m:
            names[int(m.group(2), 16)] = m.group(1)
    return names


def workers(bench_pid):
    """PIDs of the bench's worker processes (its java children running RewardWorkerCommand run)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline") as f:
                cmdline = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if ppid == bench_pid and "RewardWorkerCommand" in cmdline:
            found.append(int(entry))
    return sorted(found)


def report(count, marks, samples, names):
    print(f"\n## idle phase, {count} instance(s): cores per instance (mean over {len(samples)}), by thread kind")
    windows = list(zip(marks, marks[1:]))
    totals = {}
    for pid, snaps in samples.items():
        for w, (a, b) in enumerate(windows):
            (t0, p0), (t1, p1) = snaps[a], snaps[b]
            seconds = t1 - t0
            for tid, end in p1[0].items():
                label = kind(names[pid].get(tid, f"tid {tid} (ended before jcmd)"))
                used = (end - p0[0].get(tid, 0)) / TICKS / seconds
                totals.setdefault(label, [0.0] * len(windows))[w] += used / len(samples)
            totals.setdefault("= whole process", [0.0] * len(windows))[w] += (p1[1] - p0[1]) / TICKS / seconds / len(samples)
    header = " | ".join(f"s {a}-{b}" for a, b in windows)
    print(f"| thread kind | {header} |")
    print("|---|" + "---:|" * len(windows))
    for label, values in sorted(totals.items(), key=lambda kv: -kv[1][-1]):
        if max(values) >= 0.0005 or label.startswith("="):
            print(f"| {label} | " + " | ".join(f"{v:.4f}" for v in values) + " |")
    sys.stdout.flush()


def measure(bench_pid, count, marks, started):
    pids = workers(bench_pid)
    if len(pids) != count:
        print(f"idle-threads: expected {count} worker processes, found {pids}", file=sys.stderr)
    samples = {pid: {} for pid in pids}
    for mark in marks:
        time.sleep(max(0.0, started + mark - time.monotonic()))
        for pid in pids:
            samples[pid][mark] = (time.monotonic(), snapshot(pid))
    names = {pid: thread_names(pid) for pid in pids}
    report(count, marks, samples, names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--marks", default="2,12,62",
                        help="seconds after each 'idle: measuring' line at which to sample (default 2,12,62: "
                             "the first 10 s of the bench's window, then the next 50 s); the last mark must "
                             "fall inside the bench's --idle")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- bin/reward-worker bench ...")
    args = parser.parse_args()
    marks = [float(m) for m in args.marks.split(",")]
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    bench = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    measuring = []
    for line in bench.stderr:
        sys.stderr.write(line)
        m = IDLE_LINE.search(line)
        if m:
            t = threading.Thread(target=measure, args=(bench.pid, int(m.group(1)), marks, time.monotonic()))
            t.start()
            measuring.append(t)
    for t in measuring:
        t.join()
    return bench.wait()


if __name__ == "__main__":
    sys.exit(main())

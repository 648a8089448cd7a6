#!/usr/bin/env python3
"""Peak resident memory of a whole process tree, for peers.sh.

Usage: tree_rss.py PID  -- polls every 0.2 s until PID exits, then prints one number: the largest
sum, over all samples, of VmHWM (each process's own peak RSS) across PID's descendants, in KB
(0 if the run ended before the first sample).

Why: /usr/bin/time's %M is the peak RSS of the largest single process only. Riffcode runs two
JVMs (the app and the sandboxed GraalPy worker), so its footprint is their sum. Very short runs
(under ~0.2 s) may end before the first sample; peers.sh then keeps time's %M.
Standard library only; used by the benchmark scripts, never by Riffcode itself.
"""
import os
import sys
import time

HAVE_CHILDREN = os.path.exists("/proc/self/task/%d/children" % os.getpid())


def kids_of(pid, table):
    if HAVE_CHILDREN:
        out = []
        try:
            for tid in os.listdir("/proc/%d/task" % pid):
                with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                    out.extend(int(k) for k in f.read().split())
        except OSError:
            pass
        return out
    return table.get(pid, [])


def parent_table():
    """{ppid: [pid, ...]} from a scan of /proc (only when /proc/PID/task/TID/children is missing)."""
    table = {}
    if HAVE_CHILDREN:
        return table
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        table.setdefault(ppid, []).append(int(name))
    return table


def hwm_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def start_time(pid):
    """The start time of a running process, or None when it is gone or a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return None if rest[0] in ("Z", "X") else rest[19]
    except (OSError, IndexError):
        return None


def main():
    root = int(sys.argv[1])
    best = 0
    first = start_time(root)
    if root == os.getpid() or first is None:   # never watch ourselves
        print(0)
        return
    deadline = time.time() + 6 * 3600          # and never run for ever
    # the same process while its start time is unchanged (a recycled pid has another)
    while start_time(root) == first and time.time() < deadline:
        table = parent_table()
        tree, todo = [], kids_of(root, table)
        while todo:
            p = todo.pop()
            tree.append(p)
            todo.extend(kids_of(p, table))
        best = max(best, sum(hwm_kb(p) for p in tree))
        time.sleep(0.2)
    print(best)


if __name__ == "__main__":
    main()

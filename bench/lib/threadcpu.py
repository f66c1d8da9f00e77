#!/usr/bin/env python3
"""CPU time of a JVM's threads between two moments, grouped by kind (from /proc, Linux only).

    threadcpu.py snap PID FILE     # remember each thread's CPU time in FILE
    threadcpu.py diff PID FILE     # print the CPU since the snapshot, by kind, then forget FILE

diff prints one line: `cpu_s=<total seconds> jit=<%> gc=<%> http=<%> other=<%>` where jit is the
C1/C2 compiler threads, gc the collector's threads, http Jetty's threads (named JettyServerThreadPool
or qtp…), other the rest; percentages of the total.
"""
import json, os, re, sys


def threads(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = [name, int(fields[11]) + int(fields[12])]  # utime + stime, in clock ticks
    return out


def kind(name):
    if "CompilerThre" in name:
        return "jit"
    if name.startswith(("GC Thread", "G1 ")) or "GC" in name:
        return "gc"
    if name.startswith(("JettyServerThre", "qtp")):
        return "http"
    return "other"


def main():
    cmd, pid, path = sys.argv[1:4]
    now = threads(pid)
    if cmd == "snap":
        json.dump(now, open(path, "w"))
        return
    before = json.load(open(path))
    os.remove(path)
    totals = {"jit": 0, "gc": 0, "http": 0, "other": 0}
    for tid, (name, ticks) in now.items():
        totals[kind(name)] += ticks - (before.get(tid, [name, 0])[1])
    all_ticks = sum(totals.values()) or 1
    hz = os.sysconf("SC_CLK_TCK")
    print("cpu_s=%.2f " % (all_ticks / hz) + " ".join("%s=%.0f%%" % (k, v * 100 / all_ticks) for k, v in totals.items()))


if __name__ == "__main__":
    main()

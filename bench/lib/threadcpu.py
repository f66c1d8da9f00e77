#!/usr/bin/env python3
"""CPU time of a process's threads between two moments (from /proc, Linux only).

    threadcpu.py snap PID FILE     # remember each thread's CPU time in FILE
    threadcpu.py diff PID FILE     # the CPU since the snapshot by kind, then forget FILE
    threadcpu.py names PID FILE    # the CPU since the snapshot by thread name, then forget FILE

diff prints `cpu_s=<total seconds> jit=<%> gc=<%> http=<%> other=<%>`: jit the C1/C2 compiler
threads, gc the collector's, http Jetty's (JettyServerThreadPool… or qtp…), other the rest.
names prints `server CPU <ms> ms: <name> <ms> ms (sys <ms>), …`: threads grouped by their name
without digits, those that used 5 ms or more, most first. Threads that ended meanwhile are not
counted.
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
        out[tid] = [name, int(fields[11]), int(fields[12])]  # utime, stime, in clock ticks
    return out


def kind(name):
    if "CompilerThre" in name:
        return "jit"
    if name.startswith(("GC Thread", "G1 ")) or "GC" in name:
        return "gc"
    if name.startswith(("JettyServerThre", "qtp")):
        return "http"
    return "other"


def since(before, now, key):
    """{group: (user ticks, system ticks)} spent since the snapshot, threads grouped by key(name)."""
    groups = {}
    for tid, (name, user, system) in now.items():
        _, u0, s0 = before.get(tid, (name, 0, 0))
        u, s = groups.get(key(name), (0, 0))
        groups[key(name)] = (u + user - u0, s + system - s0)
    return groups


def main():
    cmd, pid, path = sys.argv[1:4]
    now = threads(pid)
    if cmd == "snap":
        json.dump(now, open(path, "w"))
        return
    before = json.load(open(path))
    os.remove(path)
    hz = os.sysconf("SC_CLK_TCK")
    if cmd == "names":
        groups = since(before, now, lambda name: re.sub(r"[-_#]?\d+", "", name) or name)
        ms = lambda ticks: ticks * 1000 // hz
        total = sum(u + s for u, s in groups.values())
        shown = sorted(((ms(u + s), ms(s), k) for k, (u, s) in groups.items() if ms(u + s) >= 5), reverse=True)
        print("server CPU %d ms: %s" % (ms(total), ", ".join("%s %d ms (sys %d)" % (k, t, s) for t, s, k in shown)))
        return
    totals = {k: 0 for k in ("jit", "gc", "http", "other")}
    for k, (u, s) in since(before, now, kind).items():
        totals[k] += u + s
    all_ticks = sum(totals.values()) or 1
    print("cpu_s=%.2f " % (all_ticks / hz) + " ".join("%s=%.0f%%" % (k, v * 100 / all_ticks) for k, v in totals.items()))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""CPU by area from `perf script` output of a .NET server run with DOTNET_PerfMapEnabled=1.

Each sample is charged to the first frame, walking from the leaf towards the root, whose symbol matches an area
rule (so a SQLite call made by the store counts as SQLite, JSON written by the HAL writer as JSON, and so on);
samples with no matching frame are charged to their leaf's library. Usage:
    perf script -i run.perf | python3 areas.py
"""
import re
import sys
from collections import Counter

# Checked in this order for each frame from the leaf up; the first hit wins.
RULES = [
    ("JIT (compiling)", r"libclrjit"),
    ("GC", r"WKS::|SVR::|gc_heap|GCHeap|\bgc\b|Gen2|mark_object|plan_phase|memclr"),
    ("SQLite (native)", r"e_sqlite3|sqlite3"),
    ("password hashing (PBKDF2)", r"Pbkdf2|Rfc2898|libcrypto|PasswordHasher"),
    ("JSON (System.Text.Json)", r"System\.Text\.Json"),
    ("HAL writer", r"HypermediaBpm\.Server\.Representations\.Hal"),
    ("other formatters, content negotiation", r"HypermediaBpm\.Server\.Representations\.Formatters|OutputFormatter|ObjectResultExecutor|DefaultOutputFormatterSelector|MediaType"),
    ("SQLite store (Microsoft.Data.Sqlite + our SQL code)", r"Microsoft\.Data\.Sqlite|SQLitePCL|HypermediaBpm\.Storage"),
    ("engine (commands, BPMN execution)", r"HypermediaBpm\.Engine"),
    ("resources, links, templates", r"HypermediaBpm\.Server\.Resources"),
    ("authentication, identity", r"HypermediaBpm\.Server\.Identity|Microsoft\.AspNetCore\.Authentication|Microsoft\.AspNetCore\.Authorization|SHA256|Sha256"),
    ("our middleware, controllers, other server code", r"HypermediaBpm\.Server"),
    ("MVC (model binding, filters, action invoker)", r"Microsoft\.AspNetCore\.Mvc"),
    ("routing", r"Microsoft\.AspNetCore\.Routing"),
    ("Kestrel, HTTP parsing, pipelines", r"Microsoft\.AspNetCore\.Server|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Http|Microsoft\.AspNetCore\.Hosting"),
    ("sockets, kernel network", r"System\.Net\.Sockets|tcp_|ip_|__sys_sendto|__sys_recvfrom|sock_|skb|net_rx|loopback"),
    ("thread pool, async machinery", r"System\.Threading|ThreadPool|AsyncMethodBuilder|AsyncStateMachine"),
    ("kernel: scheduler, futex, fsync, I/O", r"\[kernel|schedule|futex|fsync|ext4|jbd2|blk_|sched_yield|do_syscall"),
]
COMPILED = [(name, re.compile(rx)) for name, rx in RULES]


def samples(lines):
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line.startswith("\t") or line.startswith(" "):
            frames.append(line.strip())
        # the sample's header line (comm, pid, time, event) carries no frame
    if frames:
        yield frames


def area(frames):
    for frame in frames:
        for name, rx in COMPILED:
            if rx.search(frame):
                return name
    leaf = frames[0]
    lib = re.search(r"\(([^)]*)\)\s*$", leaf)
    return "unresolved: " + (lib.group(1).rsplit("/", 1)[-1] if lib else leaf)


def main():
    counts = Counter(area(f) for f in samples(sys.stdin))
    total = sum(counts.values())
    print(f"| area | share of CPU samples | ({total} samples) |")
    print("| --- | --- | --- |")
    for name, n in counts.most_common(25):
        print(f"| {name} | {100 * n / total:.1f} % | {n} |")


if __name__ == "__main__":
    main()

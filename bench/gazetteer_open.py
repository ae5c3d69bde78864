"""How fast the cached gazetteer opens and answers, and the memory that takes (timings stay out of unit tests).

    .venv/bin/python bench/gazetteer_open.py [--runs 5]

Each run is a fresh process that imports `sitrep.gazetteer`, opens the cached index (`Gazetteer.open()`, built
first if missing, outside the timed runs) and looks up one name, each step timed: the cost a command pays before
its first article. Then, in the same process, it looks up eight names it has not asked before (no memo) and
reads its peak resident memory (VmHWM from /proc, which unlike ru_maxrss leaves out what a parent process held).
Prints the median and the range over the runs, as a line for BENCHMARKS.md, and the load average, since the
machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

NAMES = ("Lahore", "Springfield", "San Jose", "Kech District", "Mach", "Dadhar", "Kotli", "Gwadar")

_CHILD = f"""
import json, resource, time
started = time.perf_counter()
from sitrep.gazetteer import Gazetteer
imported = time.perf_counter()
gaz = Gazetteer.open()
opened = time.perf_counter()
gaz.lookup("Quetta")
first = time.perf_counter()
for name in {NAMES!r}:
    gaz.lookup(name)
lookups = time.perf_counter() - first
try:
    rss_kb = int([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
except OSError:
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{
    "import_s": imported - started, "open_s": opened - imported, "first_s": first - opened,
    "lookup_s": lookups / {len(NAMES)}, "rss_mb": rss_kb / 1024,
}}))
"""


def run_once() -> dict[str, float]:
    """One fresh process: seconds to import the package, to open the index, for the first lookup and per new
    lookup after it, and the peak resident MB."""
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from sitrep.gazetteer import Gazetteer

    Gazetteer.open()  # build the cached file first if it is missing: the build is not what is measured
    runs = [run_once() for _ in range(args.runs)]
    load = os.getloadavg()[0]

    def summary(key: str, scale: float, unit: str) -> str:
        values = sorted(r[key] * scale for r in runs)
        return f"{statistics.median(values):.1f} {unit} (range {values[0]:.1f}-{values[-1]:.1f})"

    print(
        f"Gazetteer, {args.runs} fresh processes (load average {load:.1f}): `Gazetteer.open()` "
        f"{summary('open_s', 1000, 'ms')}, first lookup {summary('first_s', 1000, 'ms')}, a new lookup after it "
        f"{summary('lookup_s', 1000, 'ms')}; importing sitrep.gazetteer {summary('import_s', 1000, 'ms')}; "
        f"peak resident memory {summary('rss_mb', 1, 'MB')}"
    )


if __name__ == "__main__":
    main()

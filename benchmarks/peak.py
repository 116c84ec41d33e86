"""`python peak.py OUT MODULE [ARGS…]`: run `python -m MODULE ARGS…` and write its peak memory (kB) to OUT.

The benchmark cannot take a build's peak memory from `wait4`: on Linux a child's `ru_maxrss` also
counts the parent it was forked from (the larger of the old and new address space is kept at exec),
so the benchmark's own memory would show as the build's. `VmHWM` in /proc/self/status is the
high-water mark of this process's own address space, read as the process exits.
"""

import atexit
import runpy
import sys

out, module, *args = sys.argv[1:]


def report() -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(out, "w", encoding="ascii") as f:
                    f.write(line.split()[1])


atexit.register(report)
sys.argv = [module, *args]
runpy.run_module(module, run_name="__main__", alter_sys=True)

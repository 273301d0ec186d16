"""Print a random sample of the mutants mutmut has not checked yet, for ``mutmut run NAME ...``.

data.py, lookup.py and handout.py have too many mutants, some of which run hundreds of tests, to check them all in a
session; a random sample estimates the kill rate of the rest (docs/mutation.md). Run after ``mutmut run`` has made the
mutants (it can be stopped once they are made and its clean runs are done):

    .venv/bin/python scripts/mutation_sample.py bodymap.handout 150 20261204 > sample.txt
    .venv/bin/mutmut run $(cat sample.txt)
"""

from __future__ import annotations

import random
import subprocess
import sys


def unchecked(module: str) -> list[str]:
    out = subprocess.run([".venv/bin/mutmut", "results", "--all", "true"], capture_output=True, text=True).stdout
    rows = (line.strip().rpartition(": ") for line in out.splitlines())
    return sorted(name for name, _, status in rows if name.startswith(f"{module}.x") and status == "not checked")


def main(module: str, size: str, seed: str) -> None:
    names = unchecked(module)
    print("\n".join(random.Random(int(seed)).sample(names, min(int(size), len(names)))))


if __name__ == "__main__":
    main(*sys.argv[1:4])

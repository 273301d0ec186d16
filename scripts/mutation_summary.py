"""Count mutmut's results per module (after scripts/mutation), for docs/mutation.md."""

from __future__ import annotations

import subprocess
from collections import Counter, defaultdict


def main() -> None:
    out = subprocess.run([".venv/bin/mutmut", "results", "--all", "true"], capture_output=True, text=True).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("bodymap."):  # bodymap.lookup.x_function__mutmut_3, or .xǁClassǁmethod__mutmut_3
            module = name.split(".x_")[0].split(".xǁ")[0]
            counts[module][status] += 1
    print("| module | mutants | killed | survived | no tests | timeout | not checked | kill rate |")
    print("|---|---|---|---|---|---|---|---|")
    for module, tally in sorted(counts.items()):
        total = sum(tally.values())
        killed = tally["killed"]
        checked = total - tally["not checked"]
        rate = f"{killed / checked:.0%}" if checked else "-"
        print(
            f"| {module} | {total} | {killed} | {tally['survived']} | {tally['no tests']} | {tally['timeout']} | "
            f"{tally['not checked']} | {rate} |"
        )


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Suite stability: runs the tests N times and names every test whose outcome changed between runs.
#
#   scripts/stability.sh                      # the whole suite, 5 times (the issue's "5 in a row")
#   scripts/stability.sh 3 tests/test_build_safety.py tests/test_faults_process.py
#   N=3 PYTEST_ARGS="-n auto" scripts/stability.sh
#
# Each run writes a JUnit XML report into build/stability/; a test is flaky when it passed in one
# run and failed (or errored) in another. Exit status: 0 when every run agreed, 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
runs="${1:-${N:-5}}"
[ $# -gt 0 ] && shift
paths=("$@")
python="${PYTHON:-.venv/bin/python}"  # PYTHON=... for a copy of the project without its own venv
out="build/stability"
rm -rf "$out" && mkdir -p "$out"

for i in $(seq 1 "$runs"); do
    start=$(date +%s)
    # shellcheck disable=SC2086  # PYTEST_ARGS is a list of options
    if "$python" -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-} --junitxml="$out/run-$i.xml" "${paths[@]}" \
        > "$out/run-$i.log" 2>&1; then status=passed; else status=FAILED; fi
    echo "run $i/$runs: $status in $(( $(date +%s) - start )) s ($(tail -n 1 "$out/run-$i.log"))"
done

"$python" - "$out" "$runs" <<'EOF'
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

out, runs = Path(sys.argv[1]), int(sys.argv[2])
outcomes = defaultdict(list)
for i in range(1, runs + 1):
    path = out / f"run-{i}.xml"
    if not path.exists():
        print(f"run {i}: no report (pytest did not start)")
        continue
    for case in ET.parse(path).iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        kinds = {child.tag for child in case}
        outcome = ("failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed")
        outcomes[name].append(outcome)
flaky = {name: seen for name, seen in outcomes.items() if len(set(seen) - {"skipped"}) > 1}
always = sorted(name for name, seen in outcomes.items() if set(seen) == {"failed"})
print(f"{len(outcomes)} tests, {runs} runs: {len(flaky)} flaky, {len(always)} failed every time")
for name, seen in sorted(flaky.items()):
    print(f"  FLAKY {name}: {' '.join(seen)}")
for name in always:
    print(f"  FAILED {name}")
sys.exit(1 if flaky or always else 0)
EOF

"""Mutation testing (`make mutation`): mutmut on the modules whose mistakes a reader sees.

Each module runs on its own copy of the project (build/mutation/<module>/), against only the test
files named for it in pyproject.toml ([tool.marsad.mutation.modules]): a mutant of dates.py is
judged by the date tests, not by the whole suite. The score per module is printed at the end:
killed (a test failed, or the mutant ran past its time limit) over the mutants tried. Survivors,
with their diffs, are written to build/mutation/<module>/survivors.diff; each is killed by a new
test or listed with its reason in docs/dev/mutation.md.

    python scripts/mutation.py                 # every module, in the configured order
    python scripts/mutation.py i18n arabic     # some of them
    python scripts/mutation.py --time-limit 600 --max-children 2

A module that runs past the time limit is stopped; its partial figures are reported as such.
A module with `sample = F` runs a fixed, seeded fraction F of its mutants (stories.py is large).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "mutation"
# What a copy of the project needs for the tests to run (the package, its content and theme).
PROJECT_PARTS = (
    "generator", "tests", "content", "overrides", "docs", "scripts", "bench",
    "mkdocs.yml", "marsad.yml", "babel.cfg", "pyproject.toml", "README.md", "Makefile",
)
ALSO_COPY = [part for part in PROJECT_PARTS if part not in ("generator", "tests", "pyproject.toml")]
# mutmut's exit codes (mutmut.stats.status_by_exit_code), folded into what the score counts.
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout",
          37: "killed"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}


# A pytest plugin loaded in each copy: while mutmut collects its statistics (which tests call which
# function), every cache of generator/ is emptied before each test. mutmut runs a mutant against the
# tests that called its function then; with lru_cache'd helpers (plural forms, catalogs, normalised
# phrases) only the first test would have. Each mutant runs in a fresh process: no cache to empty.
CACHES_PLUGIN = """
import os
import sys


def pytest_runtest_setup(item):
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
"""


@dataclass
class Score:
    module: str
    mutants: int = 0
    tried: int = 0
    killed: int = 0
    timeouts: int = 0  # counted as killed (a mutant that loops), shown apart: a slow machine times out too
    survived: int = 0
    untested: int = 0
    other: int = 0
    sampled: bool = False
    stopped: bool = False
    seconds: float = 0.0

    @property
    def score(self) -> float | None:
        judged = self.killed + self.survived + self.untested
        return self.killed / judged if judged else None

    def line(self) -> str:
        score = "   -  " if self.score is None else f"{self.score:6.1%}"
        notes = []
        if self.sampled:
            notes.append(f"sample of {self.tried} of {self.mutants}")
        if self.stopped:
            notes.append(f"STOPPED after {self.seconds / 60:.0f} min: partial")
        if self.timeouts:
            notes.append(f"{self.timeouts} of the killed by timeout")
        if self.other:
            notes.append(f"{self.other} suspicious/segfault/not checked")
        tail = f"  ({'; '.join(notes)})" if notes else ""
        return (f"{self.module:10} {score}  killed {self.killed:4}  survived {self.survived:4}  "
                f"no tests {self.untested:3}  tried {self.tried:4}/{self.mutants:<4} {self.seconds:6.0f} s{tail}")


def settings() -> dict:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["marsad"]["mutation"]


def prepare(module: str, tests: list[str], project: Path, deselect: list[str], warmup: str = "collect") -> Path:
    """A fresh copy of ``project`` whose pyproject.toml tells mutmut to mutate ``module`` only."""
    work = WORK / module
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, work / part, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, work / part)
    # tests/conftest.py finds the labelled corpus beside the repository (REPO.parent / "shared").
    shared = REPO.parent / "shared"
    if shared.is_dir():
        (work / "shared").symlink_to(shared)
    (work / "mutation_caches.py").write_text(CACHES_PLUGIN, encoding="utf-8")
    config = {
        "source_paths": ["generator/"],
        "only_mutate": [f"generator/{module}.py"],
        "also_copy": [*(part for part in ALSO_COPY if (project / part).exists()), "mutation_caches.py"],
        "pytest_add_cli_args": ["-p", "no:xdist", "-p", "no:cacheprovider", "-p", "mutation_caches", "-q",
                                *(arg for test in deselect for arg in ("--deselect", test))],
        "pytest_add_cli_args_test_selection": tests,
        "use_git_change_detection": False,
        # A mutant's time limit is its tests' time × this: on a busy machine (nice 19) mutmut's
        # default of 15 let clean.py's mutants time out instead of being judged.
        "timeout_multiplier": 60.0,
        # Each mutant in a process forked before any test ran: lru_cache'd results of the real
        # code (catalogs, plural forms, compiled lexicons) would otherwise hide the mutants.
        "process_isolation": "forkserver",
        # "collect" (mutmut's default) runs the tests' collection once in the fork server. For
        # clean.py every mutant's worker then raised inside pytest (mutmut files exit 255 as a
        # timeout) while the same run outside the fork server judged it: such a module sets
        # `warmup = "none"` and each worker collects its own tests (slower, and judged).
        "forkserver_warmup": warmup,
    }
    with (work / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[tool.mutmut]\n")
        for key, value in config.items():
            handle.write(f"{key} = {json.dumps(value)}\n")
    return work


def meta(work: Path, module: str) -> dict[str, int | None]:
    path = work / "mutants" / "generator" / f"{module}.py.meta"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"]


def mutmut(work: Path, args: list[str], deadline: float, log) -> bool:
    """Runs mutmut in ``work``; False when it was stopped at the deadline."""
    command = ["nice", "-n", "19", sys.executable, "-m", "mutmut", *args]
    process = subprocess.Popen(command, cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
        return True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)  # mutmut has saved each result as it went
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        return False
    except BaseException:  # Ctrl-C, SIGTERM: mutmut runs in its own session and would go on
        os.killpg(process.pid, signal.SIGKILL)
        raise


def run(module: str, spec: dict, time_limit: float, max_children: int, project: Path,
        deselect: list[str]) -> Score:
    tests = spec["tests"]
    work = prepare(module, tests, project, deselect, spec.get("warmup", "collect"))
    started = time.monotonic()
    deadline = started + time_limit
    score = Score(module)
    children = ["--max-children", str(max_children)]
    with (work / "mutmut.log").open("w", encoding="utf-8") as log:
        sample = spec.get("sample")
        names: list[str] = []
        if sample:
            # Generates the mutants and the test-to-function map, then stops: nothing matches.
            mutmut(work, ["run", *children, "none-such-mutant"], deadline, log)
            every = sorted(meta(work, module))
            names = sorted(random.Random(f"marsad-{module}").sample(every, round(len(every) * sample)))
            score.sampled = True
        finished = mutmut(work, ["run", *children, *names], deadline, log)
    score.stopped = not finished
    score.seconds = time.monotonic() - started
    results = meta(work, module)
    score.mutants = len(results)
    chosen = names or list(results)
    survivors = []
    for name in chosen:
        code = results.get(name)
        if code is None:
            continue
        score.tried += 1
        if code in KILLED:
            score.killed += 1
            score.timeouts += KILLED[code] == "timeout"
        elif code in SURVIVED:
            score.survived += code == 0
            score.untested += code != 0
            survivors.append(name)
        else:
            score.other += 1
    write_survivors(work, module, survivors)
    return score


DIFFS = """
import sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
path, *names = sys.argv[1:]
for name in names:
    print("#", name)
    print(get_diff_for_mutant(name, path=path))
    print()
"""


def write_survivors(work: Path, module: str, survivors: list[str]) -> None:
    """Each survivor's diff, in one process (``mutmut show`` takes seconds a mutant)."""
    with (work / "survivors.diff").open("w", encoding="utf-8") as out:
        if survivors:
            subprocess.run([sys.executable, "-c", DIFFS, f"generator/{module}.py", *survivors], cwd=work,
                           stdout=out, stderr=subprocess.STDOUT)


def main(argv: list[str] | None = None) -> int:
    config = settings()
    modules = config["modules"]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"modules of generator/ ({', '.join(modules)}); all of them when none is named")
    parser.add_argument("--time-limit", type=float, default=config.get("time_limit_minutes", 15) * 60,
                        help="seconds after which a module's run is stopped and reported as partial")
    parser.add_argument("--max-children", type=int, default=config.get("max_children", 1),
                        help="mutants run at once (default 1: the machine is shared)")
    parser.add_argument("--project", type=Path, default=REPO,
                        help="the project to copy (default: this work tree), e.g. an export of a commit")
    parser.add_argument("--deselect", action="append", default=[], metavar="NODEID",
                        help="a test to leave out (mutmut needs every selected test to pass on the real code)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.modules if name not in modules]
    if unknown:
        parser.error(f"not in [tool.marsad.mutation.modules]: {', '.join(unknown)}")
    chosen = args.modules or list(modules)
    scores = []
    for module in chosen:
        print(f"mutmut: generator/{module}.py against {' '.join(modules[module]['tests'])}", flush=True)
        scores.append(run(module, modules[module], args.time_limit, args.max_children, args.project,
                          args.deselect))
        print("  " + scores[-1].line(), flush=True)
    print("\nmodule      score  (killed / killed + survived + no tests; survivors in build/mutation/<module>/survivors.diff)")
    for score in scores:
        print(score.line())
    goal = config.get("goal", 0.8)
    below = [s.module for s in scores if s.score is None or s.score < goal]
    if below:
        print(f"\nbelow the goal of {goal:.0%}: {', '.join(below)}")
    return 1 if below else 0


def _stop(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(main())

"""Process start to first painted window, beside a bare PySide6 window with a 200-row table.

Every figure is the median of several runs, each a fresh process timed from spawn until it
prints "painted" (benchmarks/first_paint.py: the first paint of a table viewport showing rows).
The three kinds of run are interleaved, so load on the machine hits them alike.

    .venv/bin/python -m benchmarks.bench_startup [--tasks 100000] [--runs 7] [--big FILE]
        [--baseline DIR]    # also time an older checkout (e.g. `git archive main`) on its demo

Aim (issue 8): the program within 2.5x of the bare window, on the demo and on 100,000 tasks.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = Path(__file__).resolve().parent / "first_paint.py"

# The children load the finishing line by path, so an older checkout (--baseline) runs the same.
_PRELUDE = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("first_paint", {str(HOOK)!r})
first_paint = importlib.util.module_from_spec(spec); spec.loader.exec_module(first_paint)
first_paint.application()
"""
# exactly `python -m app --db FILE`, whichever module of the checkout opens the window
APP = (
    _PRELUDE
    + "import runpy; sys.argv = ['app', '--db', sys.argv[1]]; runpy.run_module('app', run_name='__main__')\n"
)
BARE = _PRELUDE + (f"sys.path.insert(0, {str(ROOT)!r}); from benchmarks.bare_window import main; main()\n")


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["BCD_DATA_DIR"] = str(data_dir)  # window settings and logs away from the user's
    env.pop("PYTHONPATH", None)
    return env


def time_child(code: str, args: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    if line.strip() != b"painted":
        raise RuntimeError(f"no first paint from {args or 'bare window'} in {cwd}")
    return elapsed


def make_demo(path: Path, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "app", "--db", str(path), "demo"],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--big", type=Path, help="an existing big database (copied, not changed)")
    parser.add_argument("--baseline", type=Path, help="an older checkout to time on its own demo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = child_env(tmp / "userdata")
        demo, big = tmp / "demo.sqlite", tmp / "big.sqlite"
        make_demo(demo, ROOT, env)
        if args.big:
            shutil.copyfile(args.big, big)
        else:
            from benchmarks.bigdb import build

            build(big, args.tasks)
        kinds: dict[str, tuple[str, list[str], Path]] = {
            "bare": (BARE, [], ROOT),
            "demo": (APP, [str(demo)], ROOT),
            "big": (APP, [str(big)], ROOT),
        }
        if args.baseline:
            old_demo = tmp / "baseline-demo.sqlite"
            make_demo(old_demo, args.baseline, env)
            kinds["baseline_demo"] = (APP, [str(old_demo)], args.baseline)
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for code, argv, cwd in kinds.values():  # warm the OS file cache once, untimed
            time_child(code, argv, cwd, env)
        for _ in range(args.runs):
            for kind, (code, argv, cwd) in kinds.items():
                times[kind].append(time_child(code, argv, cwd, env))
        bare = statistics.median(times["bare"])
        for kind in kinds:
            if kind == "bare":
                continue
            med = statistics.median(times[kind])
            print(
                json.dumps(
                    {
                        "measure": f"first_paint_{kind}",
                        "tasks": args.tasks if kind == "big" else "demo",
                        "program_ms": round(med * 1000, 1),
                        "bare_window_ms": round(bare * 1000, 1),
                        "ratio": round(med / bare, 2),
                        "target_ratio": 2.5,
                        "runs": args.runs,
                        "all_program_ms": [round(t * 1000) for t in times[kind]],
                        "all_bare_ms": [round(t * 1000) for t in times["bare"]],
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Kill a build with SIGKILL at random moments; nothing may be lost or torn.

    crash.py STUDYFORGE GEN_NOTES [--docs 200] [--kills 20] [--seed 1]

Generates DOCS notes, times one clean build of them (every format,
--combined) and keeps its output as the reference. Then KILLS times: start
a build (from an empty output folder every fourth time, else --force over
the last output, so every file is being replaced), SIGKILL it at a random
moment within the clean build's time, and check that every file in out/ is
whole (complete.py), that the manifest and studyforge.lock parse, and that
the next build, left to finish, leaves no temporary file and gives files
byte-identical to the clean build's, lock included. Exits 1 on the first
failure, printing what differed.
"""

import argparse
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPLETE = HERE / "complete.py"
# Files whose bytes may differ between two correct builds: the writer
# lock's guard holds the pid of the last build.
VOLATILE = {".studyforge-writer"}


def build_command(studyforge: str, *extra: str) -> list[str]:
    return [studyforge, "build", "notes", "--out", "out", "--combined", "--jobs", "2", "-q", *extra]


def run_build(studyforge: str, project: Path, *extra: str) -> None:
    done = subprocess.run(build_command(studyforge, *extra), cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"build failed ({done.returncode}): {done.stderr[-2000:]}")


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ or exist on one side only."""
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files:
            if name not in VOLATILE:
                found.append(prefix + name)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    cmp = filecmp.dircmp(left, right, ignore=[])
    walk(cmp, "")
    # dircmp compares by size and time first; compare bytes outright.
    for path in left.rglob("*"):
        rel = path.relative_to(left)
        other = right / rel
        if path.is_file() and other.is_file() and path.name not in VOLATILE and str(rel) not in found:
            if path.read_bytes() != other.read_bytes():
                found.append(str(rel))
    return sorted(set(found))


def check_whole(project: Path, *flags: str) -> None:
    done = subprocess.run(
        [sys.executable, str(COMPLETE), str(project / "out"), "--lock", str(project / "studyforge.lock"), *flags],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"torn files:\n{done.stdout}{done.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("studyforge")
    parser.add_argument("gen_notes")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    os.environ.pop("CI", None)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        clean, project = tmp / "clean", tmp / "project"
        for folder in (clean, project):
            folder.mkdir()
        subprocess.run([sys.executable, args.gen_notes, str(clean / "notes"), str(args.docs)], check=True)
        shutil.copytree(clean / "notes", project / "notes")

        started = time.monotonic()
        run_build(args.studyforge, clean)
        seconds = time.monotonic() - started
        check_whole(clean, "--no-temporaries")
        print(f"clean build of {args.docs} documents: {seconds:.1f} s", flush=True)
        reference = clean / "ref"
        reference.mkdir()
        shutil.copytree(clean / "out", reference / "out")
        shutil.copy(clean / "studyforge.lock", reference / "studyforge.lock")

        for kill in range(1, args.kills + 1):
            cold = kill % 4 == 1
            if cold:
                shutil.rmtree(project / "out", ignore_errors=True)
                (project / "studyforge.lock").unlink(missing_ok=True)
            at = rng.uniform(0.02, 1.0) * seconds
            process = subprocess.Popen(
                build_command(args.studyforge, *([] if cold else ["--force"])),
                cwd=project,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(at)
            process.send_signal(signal.SIGKILL)
            finished = process.wait() == 0
            check_whole(project)
            run_build(args.studyforge, project)
            check_whole(project, "--no-temporaries")
            diff = differences(reference / "out", project / "out")
            if (reference / "studyforge.lock").read_bytes() != (project / "studyforge.lock").read_bytes():
                diff.append("studyforge.lock")
            if diff:
                sys.exit(f"kill {kill}: after the next build, these differ from a clean build: {diff[:20]}")
            state = "had already finished" if finished else "killed"
            print(f"kill {kill:2}: {'cold' if cold else 'force'} build {state} at {at:.2f} s; whole, and the next build matches", flush=True)
    print(f"crash test: {args.kills} kills, every file whole, every rebuild identical to a clean build")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Render a batch HTML report in headless Chromium and save a screenshot, to look at it as a
person would.

    python scripts/render_report.py                      # generate 1,000 submissions, batch them, screenshot the report
    python scripts/render_report.py --html report.html   # screenshot an existing report

Needs Debian's `chromium` (apt-get install -y chromium fonts-noto-cjk).  Prints the PNG's path.
The report is opened with networking disabled, so anything it failed to carry inline would be
missing from the picture.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chromium() -> str | None:
    """The Chromium binary, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 2000) -> None:
    """Render ``html`` headless and write a ``width``×``height`` screenshot to ``png``."""
    binary = chromium()
    if binary is None:
        raise SystemExit("chromium 未安装：apt-get update && apt-get install -y chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={width},{height}",
            # no network at all: a report that needs one shows its gaps in the screenshot
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            html.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not png.exists() or png.stat().st_size == 0:
        raise SystemExit(f"chromium 截图失败（退出码 {done.returncode}）：{done.stderr[-2000:]}")


def build_report(workdir: Path, count: int, seed: int) -> Path:
    """Generate ``count`` submissions with injected errors and batch them into an HTML report."""
    cases, table = workdir / "cases", workdir / "dept.csv"
    run = [sys.executable, "-m", "scoring"]
    subprocess.run([*run, "generate", "--out", str(cases), "--csv", str(table), "--count", str(count), "--seed", str(seed), "--quiet"], cwd=ROOT, check=True)
    report = workdir / "report.html"
    done = subprocess.run([*run, "batch", str(cases), str(table), "--quiet", "--format", "json", "--out", str(workdir / "summary.json"), "--report", str(report)], cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scoring batch 失败（退出码 {done.returncode}）")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, help="已有的 HTML 报告；省略则生成合成数据并批量复核")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "report.png", help="截图路径")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "report-run")
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    html = args.html
    if html is None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        html = build_report(args.workdir, args.count, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(html, args.out, height=args.height)
    print(args.out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Screenshot the web app as a person sees it, for the README.

    python scripts/screenshot_web.py            # writes docs/web.png (the fill-in form) and docs/web-review.png (the bureau's summary)

Starts `scoring serve` on a free loopback port with a throw-away data folder, opens the Miluo
case (中共汨罗市委社会工作部) in the fill-in form and changes one figure, uploads the shipped cases
and a generated case table for the summary page, and screenshots both pages in Debian's chromium
through Playwright.  Needs `pip install -e '.[test]'` and `apt-get install -y chromium fonts-noto-cjk`.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium 未安装：apt-get update && apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import expect, sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        table = Path(tmp) / "各单位项目自评.csv"
        subprocess.run([sys.executable, "-m", "scoring", "generate", "--out", str(Path(tmp) / "gen"), "--csv", str(table),
                        "--count", "60", "--seed", "7", "--quiet"], cwd=ROOT, check=True)
        server = subprocess.Popen([sys.executable, "-m", "scoring", "serve", "--port", str(port), "--data", str(Path(tmp) / "data")], cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(url + "/rules", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1440, "height": 1250}, locale="zh-CN")
                page.goto(url + "/fill")
                page.set_input_files("form[action='/fill/open'] input[type=file]", str(ROOT / "cases" / "hunan-miluo-shgzb-2024.toml"))
                page.click("form[action='/fill/open'] button")
                expect(page.locator("#busy")).to_have_text("已按当前数字计算")
                page.locator("tr[data-indicator='execution'] details").first.evaluate("d => d.open = true")
                page.screenshot(path=str(args.out / "web.png"))

                page.goto(url + "/review")
                files = [str(p) for p in sorted((ROOT / "cases").glob("*.toml"))] + [str(table)]
                page.set_input_files("#upload input[type=file]", files)
                page.click("#upload button")
                expect(page.locator("h1")).to_contain_text("次上传")
                page.goto(url + "/review?per_page=20")
                page.screenshot(path=str(args.out / "web-review.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(args.out / "web.png")
    print(args.out / "web-review.png")


if __name__ == "__main__":
    main()

"""Lighthouse scores for three pages of the newest version (`make lighthouse`; not part of make test).

Builds both versions side by side under one root (with a versions.json, as mike publishes them),
serves the root on 127.0.0.1 and runs Lighthouse with the system Chromium on the start page, a theme
pack and the question bank: accessibility, best practices and SEO must be 100; performance (mobile)
is printed for the record (and written with --json for `make bench`).
Usage: python tests/lighthouse.py PATH/TO/lighthouse [--json OUT]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT, StaticServer, free_port  # noqa: E402

PAGES = {
    "Forsiden": "2024-2025/",
    "Temapakke": "2024-2025/temapakker/kulturskole-hele-livet/",
    "Spørsmålsbanken": "2024-2025/sporsmal/",
}
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
MUST_BE_100 = ["accessibility", "best-practices", "seo"]


def build(root: Path, site_url: str) -> None:
    """Both versions side by side with a versions.json, as published (`kulturskole build --all`)."""
    env = {**os.environ, "SITE_URL": site_url, "KULTURSKOLE_PROJECT": str(ROOT)}
    env.pop("MIKE_DOCS_VERSION", None)
    subprocess.run([sys.executable, "-m", "kulturskole", "build", "--all", "--site-dir", str(root)],
                   check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def run(lighthouse: str, url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(
        [lighthouse, url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=--headless --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse feilet for {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def main(argv: list[str]) -> int:
    """`lighthouse.py LIGHTHOUSE [--json OUT]`: OUT gets the scores as {page path: {category: score}}."""
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--json"):
        print(__doc__, file=sys.stderr)
        return 2
    lighthouse = argv[1]
    out_json = Path(argv[3]) if len(argv) == 4 else None
    all_scores: dict[str, dict[str, int]] = {}
    ok = True
    with tempfile.TemporaryDirectory(prefix="kulturskole-lighthouse-") as tmp:
        root = Path(tmp) / "root"
        port = free_port()
        site_url = f"http://127.0.0.1:{port}/"
        build(root, site_url)
        with StaticServer(root, port):
            print(f"{'Side':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
            for name, path in PAGES.items():
                report = run(lighthouse, site_url + path)
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                all_scores[path] = scores
                print(f"{name:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                for category in MUST_BE_100:
                    if scores[category] < 100:
                        ok = False
                        refs = report["categories"][category]["auditRefs"]
                        failing = [r["id"] for r in refs if r["weight"] and report["audits"][r["id"]]["score"] not in (1, None)]
                        print(f"  {category}: {', '.join(failing)}")
    if out_json:
        out_json.write_text(json.dumps(all_scores, indent=2) + "\n", encoding="utf-8")
    print("Alle tre sidene har 100 for tilgjengelighet, beste praksis og SEO." if ok
          else "Minst én side har under 100; se over.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Lighthouse scores for three pages of the newest version (`make lighthouse`; not part of make test).

Builds both versions side by side under one root (with a versions.json, as mike publishes them),
serves the root on 127.0.0.1 and runs Lighthouse with the system Chromium on the start page, a theme
pack and the question bank: accessibility, best practices and SEO must be 100; performance (mobile)
is printed for the record. Usage: python tests/lighthouse.py PATH/TO/lighthouse
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import ROOT, StaticServer, free_port  # noqa: E402

PAGES = {
    "Forsiden": "2024-2025/",
    "Temapakke": "2024-2025/temapakker/kulturskole-hele-livet/",
    "Spørsmålsbanken": "2024-2025/sporsmal/",
}
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
MUST_BE_100 = ["accessibility", "best-practices", "seo"]
VERSIONS_JSON = [
    {"version": "2024-2025", "title": "2024–2025 · regionalt program", "aliases": ["latest"]},
    {"version": "2021-2022", "title": "2021–2022 · pilotprosjekt", "aliases": []},
]


def build(root: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "KULTURSKOLE_PROJECT": str(ROOT)}
    for name in ("MIKE_DOCS_VERSION", "KULTURSKOLE_VERSION", "KULTURSKOLE_CANONICAL"):
        env.pop(name, None)
    for version in ("2021-2022", "2024-2025"):
        subprocess.run([sys.executable, "-m", "kulturskole", "build", "--version", version,
                        "--site-dir", str(root / version)], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    (root / "versions.json").write_text(json.dumps(VERSIONS_JSON, ensure_ascii=False), encoding="utf-8")


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
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    lighthouse = argv[1]
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
                print(f"{name:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                for category in MUST_BE_100:
                    if scores[category] < 100:
                        ok = False
                        refs = report["categories"][category]["auditRefs"]
                        failing = [r["id"] for r in refs if r["weight"] and report["audits"][r["id"]]["score"] not in (1, None)]
                        print(f"  {category}: {', '.join(failing)}")
    print("Alle tre sidene har 100 for tilgjengelighet, beste praksis og SEO." if ok
          else "Minst én side har under 100; se over.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""`make bench`: build time, memory and page weight of the project against stock Material.

For each N (theme packs; `SIZES=10,100,1000`):
- generate a synthetic corpus (benchmarks/corpus.py) in a temporary folder;
- render its pages to Markdown once with the core, and write a stock Material project of the same
  Markdown, the same navigation, theme features and Markdown extensions, but no data layer (no
  kulturskole plugin, no macros, no custom_dir);
- build both, alternating, `RUNS` times each (after one untimed warm-up each, so caches such as the
  PDF cache are warm for both), and take the median.
Then the real site (both versions), a preview rebuild after one YAML edit, and what a reader downloads
for a theme pack page (compressed). Results go to benchmarks/results.json and benchmarks/build_time.png.

Absolute times are noisy on a shared 2-core machine; the budgets compare ratios from one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = corpus.ROOT
OUT = ROOT / "benchmarks"
KULTURSKOLE = [sys.executable, "-m", "kulturskole"]
PEAK = Path(__file__).resolve().parent / "peak.py"
BUDGETS = {
    "overhead_ratio_max": 1.10,
    "real_site_build_s_max": 3.0,
    "rebuild_s_max": 1.0,
    "page_kb_compressed_max": 100.0,
    "search_index_kb_compressed_max": 100.0,
    "lighthouse_performance_min": 98,
}


# ---------------------------------------------------------------- measuring one build

def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Run `cmd` (`python -m MODULE …`); (wall seconds, peak resident memory of the process in MB)."""
    assert cmd[:2] == [sys.executable, "-m"], cmd
    with tempfile.NamedTemporaryFile(prefix="peak-", suffix=".txt", delete=False) as f:
        peak_file = Path(f.name)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(PEAK), str(peak_file), *cmd[2:]], cwd=cwd,
                          env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - start
    peak_kb = peak_file.read_text(encoding="ascii").strip() if peak_file.exists() else ""
    peak_file.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise SystemExit(f"Kommandoen feilet ({' '.join(cmd)}):\n{proc.stdout[-3000:]}")
    return wall, int(peak_kb) / 1024 if peak_kb else float("nan")


def site_stats(site: Path) -> dict:
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {
        "pages": len(html),
        "site_mb": round(total / 1e6, 2),
        "html_kb_per_page": round(sum(p.stat().st_size for p in html) / len(html) / 1e3, 1),
        "search_index_kb": round(index.stat().st_size / 1e3, 1) if index.exists() else 0.0,
    }


# ---------------------------------------------------------------- the stock project

def stock_project(project: Path, dest: Path) -> Path:
    """Stock Material with the project's rendered Markdown and navigation."""
    import datetime as dt

    from kulturskole.model.structure import navigation
    from kulturskole.render import format as fmt
    from kulturskole.site.context import Contexts

    context = Contexts().load(project, corpus.VERSION, today=dt.date.today(),
                              site_root="https://example.org/fremtidens-kulturskole/", downloads=None)
    if not context.ok:
        raise SystemExit("Det syntetiske korpuset er ugyldig:\n" + "\n".join(str(p) for p in context.problems))
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    for src, page in context.pages.items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(context.render(page.kind, page.key), encoding="utf-8")
    # The same menu as the project's (sections over the limit list only their overview).
    nav, left_out = navigation(context.pages.values(), title=fmt.inline)
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        ours = yaml_load(f)
    # The same extensions; only the heading slugify (a Python object) is left at its default.
    names = [e if isinstance(e, str) else next(iter(e)) for e in ours["markdown_extensions"]]
    extensions = [e for e in names if e != "toc"]
    config = {
        "site_name": "Syntetisk testkorpus (stock Material)",
        "site_url": "https://example.org/fremtidens-kulturskole/",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "nb", "features": ours["theme"]["features"]},
        "plugins": [{"search": {"lang": "no"}}],
        "markdown_extensions": [{"toc": {"permalink": True}}, *extensions],
        "nav": nav,
        "not_in_nav": "\n".join("/" + src for src in sorted(left_out)),
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


# ---------------------------------------------------------------- one N

def bench_size(n: int, runs: int, work: Path) -> tuple[dict, dict]:
    project = corpus.make_project(work / f"project-{n}", n)
    stock = stock_project(project, work / f"stock-{n}")
    our_site, stock_site = work / f"site-{n}", work / f"stock-site-{n}"
    ours_cmd = [*KULTURSKOLE, "build", "--version", corpus.VERSION, "--site-dir", str(our_site), "--today", "2025-01-01"]
    stock_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock / "mkdocs.yml"), "-d", str(stock_site)]
    env = {"KULTURSKOLE_PROJECT": str(project)}
    cold, _ = timed(ours_cmd, project, env)           # warm-up: fills the PDF cache
    timed(stock_cmd, stock)
    times: dict[str, list] = {"project": [], "stock": []}
    for _ in range(runs):  # alternating, so drift hits both alike
        times["project"].append(timed(ours_cmd, project, env))
        times["stock"].append(timed(stock_cmd, stock))
    result = {}
    for name, site in (("project", our_site), ("stock", stock_site)):
        result[name] = {
            "build_s": round(statistics.median(t for t, _ in times[name]), 2),
            "build_s_runs": [round(t, 2) for t, _ in times[name]],
            "peak_mb": round(max(m for _, m in times[name]), 1),
            **site_stats(site),
        }
    result["project"]["cold_build_s"] = round(cold, 2)
    return result["project"], result["stock"]


# ---------------------------------------------------------------- the real site

def real_site(work: Path, runs: int) -> dict:
    """Both versions: `kulturskole build --all` (one process, as for a whole-site check), and for the
    record one `kulturskole build --version V` per version (as `publish` builds)."""
    versions = sorted(p.name for p in (ROOT / "data").iterdir() if p.is_dir() and re.match(r"^\d{4}-\d{4}$", p.name))
    env = {"KULTURSKOLE_PROJECT": str(ROOT)}
    together, separate = [], []
    for i in range(runs + 1):
        wall, _ = timed([*KULTURSKOLE, "build", "--all", "--site-dir", str(work / "real")], ROOT, env)
        total = sum(timed([*KULTURSKOLE, "build", "--version", version, "--site-dir", str(work / f"alone-{version}")],
                          ROOT, env)[0] for version in versions)
        if i:  # the first round fills the caches
            together.append(wall)
            separate.append(total)
    rebuild = rebuild_after_edit(work)
    return {"build_s": round(statistics.median(together), 2), "build_s_runs": [round(t, 2) for t in together],
            "build_s_one_process_per_version": round(statistics.median(separate), 2),
            "versions": versions, "rebuild_s": rebuild["median"], "rebuild_s_samples": rebuild["samples"]}


def rebuild_after_edit(work: Path, edits: int = 5) -> dict:
    """Seconds from saving one YAML file to the preview having rebuilt: each edit, and their median."""
    project = work / "preview"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir()
    for name in (*corpus.PROJECT_PARTS, "data"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    port = 8700 + os.getpid() % 200
    proc = subprocess.Popen([*KULTURSKOLE, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                            env={**os.environ, "KULTURSKOLE_PROJECT": str(project)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    threading.Thread(target=lambda: [lines.append((time.perf_counter(), ln)) for ln in proc.stderr], daemon=True).start()

    def wait_for(pattern: str, after: int, timeout: float = 60) -> tuple[int, float]:
        end = time.time() + timeout
        while time.time() < end:
            for i in range(after, len(lines)):
                if re.search(pattern, lines[i][1]):
                    return i, lines[i][0]
            time.sleep(0.02)
        raise SystemExit("Forhåndsvisningen svarte ikke:\n" + "".join(ln for _, ln in lines[-30:]))

    try:
        seen, _ = wait_for(r"Serving on|Documentation built", 0)
        pack = sorted((project / "data").glob("*/temapakker/*.yml"))[-1]
        samples = []
        for k in range(edits):
            time.sleep(1.0)
            text = pack.read_text(encoding="utf-8")
            edited = re.sub(r"(?m)^(sammendrag: .*)$", lambda m: m.group(1), text)
            edited = re.sub(r"(?m)^tittel: (.*?)( \(endret \d\))?$", rf"tittel: \1 (endret {k})", edited, count=1)
            mark = len(lines)
            saved = time.perf_counter()
            pack.write_text(edited, encoding="utf-8")
            seen, done = wait_for(r"Documentation built in", mark)
            samples.append(done - saved)
        return {"median": round(statistics.median(samples), 2), "samples": [round(t, 2) for t in samples]}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ---------------------------------------------------------------- what a reader downloads

def reader_weight(work: Path) -> dict:
    """Bytes a reader's browser fetches for a theme pack page, gzip-compressed as a web server sends them."""
    import functools
    import http.server

    from playwright.sync_api import sync_playwright

    version = sorted(p.name for p in (ROOT / "data").iterdir() if re.match(r"^\d{4}-\d{4}$", p.name))[-1]
    site = work / "real" / version
    pack = sorted((ROOT / "data" / version / "temapakker").glob("*.yml"))[0].stem

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.parent)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox", "--disable-gpu",
                                              "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.on("response", lambda r: fetched.__setitem__(r.url, len(gzip.compress(r.body(), 6)))
                    if r.ok else None)
            page.goto(base + f"{version}/temapakker/{pack}/", wait_until="networkidle")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        httpd.shutdown()
    index = site / "search" / "search_index.json"
    return {
        "page": f"{version}/temapakker/{pack}/",
        "requests": len(fetched),
        "page_kb_compressed": round(sum(fetched.values()) / 1e3, 1),
        "search_index_fetched_on_load": any("search_index.json" in u for u in fetched),
        "search_index_kb_compressed": round(len(gzip.compress(index.read_bytes(), 6)) / 1e3, 1),
        "files": {u.replace(base, ""): round(b / 1e3, 1) for u, b in sorted(fetched.items())},
    }


# ---------------------------------------------------------------- Lighthouse

def lighthouse_scores(lighthouse: Path | None) -> dict | None:
    """Lighthouse (mobile) on the start page, a theme pack and the question bank, via tests/lighthouse.py;
    None when Lighthouse is not installed (`make lighthouse` installs it with npm)."""
    if lighthouse is None or not lighthouse.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="kulturskole-lh-") as tmp:
        out = Path(tmp) / "scores.json"
        subprocess.run([sys.executable, str(ROOT / "tests" / "lighthouse.py"), str(lighthouse), "--json", str(out)],
                       cwd=ROOT, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return json.loads(out.read_text(encoding="utf-8")) if out.exists() else None


# ---------------------------------------------------------------- report

def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(n) for n in results["project"])
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, label, style in (("project", "Fremtidens kulturskole (data → side)", "o-"),
                               ("stock", "Standard Material (samme Markdown)", "s--")):
        ax.plot(sizes, [results[name][str(n)]["build_s"] for n in sizes], style, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("Antall temapakker (N)")
    ax.set_ylabel("Byggetid, sekunder (median)")
    ax.set_title("Byggetid mot antall temapakker")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def table(results: dict) -> str:
    rows = [f"{'N':>6} {'bygg (s)':>16} {'forhold':>8} {'minne (MB)':>16} {'nettsted (MB)':>16} "
            f"{'HTML kB/side':>16} {'søkeindeks (kB)':>18}"]
    for n in sorted(results["project"], key=int):
        p, s = results["project"][n], results["stock"][n]
        rows.append(f"{n:>6} {p['build_s']:>7.2f} / {s['build_s']:<6.2f} {results['overhead_ratio'][n]:>8.2f} "
                    f"{p['peak_mb']:>7.0f} / {s['peak_mb']:<6.0f} {p['site_mb']:>7.1f} / {s['site_mb']:<6.1f} "
                    f"{p['html_kb_per_page']:>7.1f} / {s['html_kb_per_page']:<6.1f} "
                    f"{p['search_index_kb']:>8.0f} / {s['search_index_kb']:<7.0f}")
    rows.append("(prosjektet / standard Material)")
    return "\n".join(rows)


def budgets(results: dict) -> dict:
    sizes = sorted(results["project"], key=int)
    per_page = [results["project"][n]["html_kb_per_page"] for n in sizes]
    reader = results["reader"]
    checks = {
        "overhead_ratio": all(results["overhead_ratio"][n] <= BUDGETS["overhead_ratio_max"] for n in sizes),
        # "Does not grow with N": the largest N within 10 % of the smallest.
        "html_per_page_flat": max(per_page) <= min(per_page) * 1.10,
        "real_site_build": results["real_site"]["build_s"] <= BUDGETS["real_site_build_s_max"],
        "preview_rebuild": results["real_site"]["rebuild_s"] <= BUDGETS["rebuild_s_max"],
        "page_weight": reader["page_kb_compressed"] <= BUDGETS["page_kb_compressed_max"],
        "search_index": (not reader["search_index_fetched_on_load"])
        or reader["search_index_kb_compressed"] <= BUDGETS["search_index_kb_compressed_max"],
    }
    if results.get("lighthouse"):
        checks["lighthouse_performance"] = all(scores["performance"] >= BUDGETS["lighthouse_performance_min"]
                                               for scores in results["lighthouse"].values())
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lighthouse", type=Path, help="Lighthouse to run (left out when not given or not installed)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="kulturskole-bench-"))
    results: dict = {"project": {}, "stock": {}, "overhead_ratio": {}}
    try:
        for n in sizes:
            print(f"N = {n} …", file=sys.stderr)
            results["project"][str(n)], results["stock"][str(n)] = bench_size(n, args.runs, work)
            results["overhead_ratio"][str(n)] = round(
                results["project"][str(n)]["build_s"] / results["stock"][str(n)]["build_s"], 2)
        print("Det ekte nettstedet …", file=sys.stderr)
        results["real_site"] = real_site(work, args.runs)
        results["reader"] = reader_weight(work)
        results["lighthouse"] = lighthouse_scores(args.lighthouse)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["budgets"] = budgets(results)
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "runs": args.runs}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    plot(results, args.out / "build_time.png")
    print(table(results))
    print(f"\nDet ekte nettstedet (begge versjoner): {results['real_site']['build_s']} s; "
          f"forhåndsvisning etter én endring: {results['real_site']['rebuild_s']} s")
    r = results["reader"]
    print(f"Temapakkeside, første lasting: {r['page_kb_compressed']} kB komprimert i {r['requests']} forespørsler; "
          f"søkeindeks {r['search_index_kb_compressed']} kB komprimert, "
          f"{'hentes ved lasting' if r['search_index_fetched_on_load'] else 'hentes først når leseren søker'}")
    if results["lighthouse"]:
        print("Lighthouse (mobil), ytelse: " + ", ".join(f"{page} {scores['performance']}"
                                                         for page, scores in results["lighthouse"].items()))
    else:
        print("Lighthouse ble ikke kjørt (installer med `make lighthouse`).")
    for name, ok in results["budgets"].items():
        print(f"  {'OK ' if ok else 'IKKE'} {name}")
    print(f"\nSkrev {args.out / 'results.json'} og {args.out / 'build_time.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark IMOS Case Explorer against a bare Streamlit app, measured from outside.

    python -m bench.run                 # full run: 60 sessions x 20 toggles, 2,000 reruns
    python -m bench.run --quick         # a smoke run in about a minute

Each app is started with `streamlit run` (same config, same machine, one after the
other), driven through its websocket like a browser (see `bench/protocol.py`), and
measured: first render of each page for a new session, toggle-to-finished-rerun for one
session and for N concurrent sessions, bytes per rerun, and the server's resident memory
at idle, with N sessions, and across 2,000 reruns. Every figure is printed beside the
bare app's and as a ratio to it. This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.protocol import Session
from bench.server import NGINX, start_nginx, start_streamlit, stop

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"


@dataclass(frozen=True)
class Target:
    """What the app runs and which control a reader toggles."""

    name: str
    script: str
    pages: tuple[tuple[str, str], ...]  # (page url path, query string)
    toggle_page: str
    toggle_key: str
    toggle_options: tuple  # two values the toggle alternates between
    toggle_event: str = ""  # set: the toggle is this event of a custom component

    async def toggle(self, session: Session, option):
        if self.toggle_event:
            return await session.send_event(self.toggle_key, self.toggle_event, option)
        return await session.set_button_group(self.toggle_key, option)


BARE = Target("bare Streamlit app", "bench/bare_app.py", (("", ""),), "", "toggle",
              ("absent", "present"))
IMOS = Target(
    "IMOS Case Explorer", "dashboard.py",
    (("", ""), ("timelines", ""), ("findings", ""), ("criteria", ""), ("explorer", ""),
     ("walkthrough", "case=2&step=4&reveal=1"), ("road", "case=2"), ("sources", "")),
    "explorer", "fx_findings",
    ({"finding": "nidus", "value": "absent"}, {"finding": "nidus", "value": "present"}), "set",
)


# Floors: what a page of the explorer's kind costs Streamlit before the app does any work.
FLOOR_NATIVE = Target("floor: native toggle + address bar + 7 KB HTML", "bench/floor_native_app.py",
                      (("", ""),), "", "toggle", ("absent", "present"))
FLOOR_PANEL = Target("floor: the explorer's panel, nothing worked out", "bench/floor_panel_app.py",
                     (("", ""),), "", "fx_findings", IMOS.toggle_options, "set")


def start(target: Target, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    return start_streamlit(target.script, env)


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process so far (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _first_renders(url: str, target: Target, repeat: int) -> dict[str, dict]:
    out = {}
    for page, query in target.pages:
        runs = []
        for _ in range(repeat):
            session = Session(url, page=page, query=query)
            runs.append(await session.open())
            await session.close()
        out[page or "(main)"] = {
            "median_ms": 1000 * statistics.median(r.seconds for r in runs),
            "bytes": statistics.median(r.bytes for r in runs),
            "errors": sum(not r.ok for r in runs),
        }
    return out


async def _toggles(session: Session, target: Target, count: int, start: int = 0,
                   pace: float = 0.0) -> list:
    """Toggle `count` times; with `pace`, wait a random 0 to 2 x pace seconds before each."""
    results = []
    for i in range(start, start + count):
        if pace:
            await asyncio.sleep(random.uniform(0, 2 * pace))
        results.append(await target.toggle(session, target.toggle_options[i % 2]))
    return results


async def _one_session(url: str, target: Target, count: int, pid: int) -> dict:
    session = Session(url, page=target.toggle_page)
    await session.open()
    await _toggles(session, target, 5)  # warm-up, not counted
    cpu_before = cpu_seconds(pid)
    runs = await _toggles(session, target, count, start=5)
    cpu = cpu_seconds(pid) - cpu_before
    await session.close()
    times = [1000 * r.seconds for r in runs]
    return {"median_ms": statistics.median(times), "p95_ms": p95(times),
            "cpu_ms_per_toggle": 1000 * cpu / count,
            "bytes": statistics.median(r.bytes for r in runs), "errors": sum(not r.ok for r in runs)}


async def _concurrent(url: str, target: Target, sessions: int, toggles: int, pid: int,
                      pace: float = 0.0) -> dict:
    clients = [Session(url, page=target.toggle_page) for _ in range(sessions)]
    opened = await asyncio.gather(*(c.open() for c in clients), return_exceptions=True)
    open_errors = sum(isinstance(o, Exception) or not o.ok for o in opened)
    started = time.perf_counter()
    runs = await asyncio.gather(*(_toggles(c, target, toggles, pace=pace) for c in clients
                                  if c._ws is not None), return_exceptions=True)
    elapsed = time.perf_counter() - started
    rss_with_sessions = rss_mb(pid)
    await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    flat = [r for group in runs if not isinstance(group, Exception) for r in group]
    errors = open_errors + sum(isinstance(g, Exception) for g in runs) * toggles
    errors += sum(not r.ok for r in flat)
    times = [1000 * r.seconds for r in flat]
    return {"sessions": sessions, "toggles_each": toggles, "median_ms": statistics.median(times),
            "p95_ms": p95(times), "errors": errors, "reruns_per_s": len(flat) / elapsed,
            "rss_with_sessions_mb": rss_with_sessions}


async def _many_reruns(url: str, target: Target, total: int, pid: int, parallel: int = 10) -> dict:
    clients = [Session(url, page=target.toggle_page) for _ in range(parallel)]
    await asyncio.gather(*(c.open() for c in clients))
    warm = max(1, total // 10 // parallel)
    await asyncio.gather(*(_toggles(c, target, warm) for c in clients))
    after_warmup = rss_mb(pid)
    rest = (total - warm * parallel) // parallel
    runs = await asyncio.gather(*(_toggles(c, target, rest, start=warm) for c in clients))
    after_all = rss_mb(pid)
    await asyncio.gather(*(c.close() for c in clients))
    return {"reruns": (warm + rest) * parallel, "rss_after_warmup_mb": after_warmup,
            "rss_after_all_mb": after_all, "growth_mb": after_all - after_warmup,
            "errors": sum(not r.ok for group in runs for r in group)}


def measure_scale(args, folder: Path) -> dict:
    """First render of each page and one reader's toggles on a 500-case synthetic series."""
    from bench.synthetic import synthetic_files

    folder.mkdir(parents=True, exist_ok=True)
    for name, data in synthetic_files(args.scale_cases).items():
        (folder / name).write_bytes(data)
    process, url = start(IMOS, env={"IMOS_SERIES_DIR": str(folder)})
    try:
        asyncio.run(_first_renders(url, IMOS, 1))  # loads and validates the series once
        return {"first_render": asyncio.run(_first_renders(url, IMOS, args.repeat)),
                "toggle_one_session": asyncio.run(
                    _one_session(url, IMOS, args.single, process.pid))}
    finally:
        stop(process)


def scale_table(shipped: dict, big: dict, n_cases: int) -> str:
    lines = [f"| page | shipped series (3 cases) | synthetic series ({n_cases} cases) | ratio | "
             "target | met |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for page, figures in shipped["first_render"].items():
        small, large = figures["median_ms"], big["first_render"][page]["median_ms"]
        ok = large <= 1.5 * small and big["first_render"][page]["errors"] == 0
        name = "/" if page == "(main)" else f"/{page}"
        lines.append(f"| first render {name} | {small:,.1f} ms | {large:,.1f} ms | "
                     f"{large / small:.2f}× | ≤ 1.5× | {'yes' if ok else '**no**'} |")
    small = shipped["toggle_one_session"]["median_ms"]
    large = big["toggle_one_session"]["median_ms"]
    ok = large <= 1.5 * small
    lines.append(f"| explorer toggle, median | {small:,.1f} ms | {large:,.1f} ms | "
                 f"{large / small:.2f}× | ≤ 1.5× | {'yes' if ok else '**no**'} |")
    return "\n".join(lines)


def measure_floor(target: Target, args) -> dict:
    """One reader's toggles and the concurrent load, for a floor app."""
    process, url = start(target)
    try:
        asyncio.run(_first_renders(url, target, 1))
        return {"toggle_one_session": asyncio.run(_one_session(url, target, args.single, process.pid)),
                "concurrent": asyncio.run(
                    _concurrent(url, target, args.sessions, args.toggles, process.pid))}
    finally:
        stop(process)


def measure_deployed(target: Target, args, replicas: int = 2) -> dict:
    """The concurrent load through nginx in front of `replicas` processes of the app, as
    deploy/ ships it (each connection balanced on its own: all sessions come from one
    address here)."""
    import tempfile

    apps = [start(target) for _ in range(replicas)]
    proxy = None
    try:
        with tempfile.TemporaryDirectory() as work_dir:
            proxy, url = start_nginx(Path(work_dir), [int(u.rsplit(":", 1)[1]) for _, u in apps],
                                     per_connection=True)
            for _, app_url in apps:  # warm every replica (imports, caches)
                asyncio.run(_first_renders(app_url, target, 1))
            result = asyncio.run(_concurrent(url, target, args.sessions, args.toggles, apps[0][0].pid))
            proxy.terminate()
            proxy.wait(timeout=10)
            proxy = None
            return result
    finally:
        if proxy is not None:
            proxy.kill()
        for process, _ in apps:
            stop(process)


def deployed_table(results: dict) -> str:
    bare = results["bare"]["concurrent"]["p95_ms"]
    lines = ["| app | one process, p95 | ratio | two replicas behind nginx, p95 | ratio |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for key, name in (("bare", BARE.name), ("imos", IMOS.name)):
        one = results[key]["concurrent"]["p95_ms"]
        two = results["deployed"][key]["p95_ms"]
        lines.append(f"| {name} | {one:,.1f} ms | {one / bare:.2f}× | {two:,.1f} ms | "
                     f"{two / bare:.2f}× |")
    return "\n".join(lines) + ("\n\nRatios are to the bare app in one process. Errors through "
                               f"nginx: bare {results['deployed']['bare']['errors']}, "
                               f"explorer {results['deployed']['imos']['errors']}.")


def floor_table(results: dict) -> str:
    bare = results["bare"]
    lines = ["| app | CPU per toggle | ratio | p95, concurrent | ratio |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for key in ("bare", "floor_native", "floor_panel", "imos"):
        name = {"bare": BARE.name, "floor_native": FLOOR_NATIVE.name,
                "floor_panel": FLOOR_PANEL.name, "imos": IMOS.name}[key]
        cpu = results[key]["toggle_one_session"]["cpu_ms_per_toggle"]
        p = results[key]["concurrent"]["p95_ms"]
        lines.append(f"| {name} | {cpu:,.1f} ms | "
                     f"{cpu / bare['toggle_one_session']['cpu_ms_per_toggle']:.2f}× | "
                     f"{p:,.1f} ms | {p / bare['concurrent']['p95_ms']:.2f}× |")
    return "\n".join(lines)


def measure(target: Target, args) -> dict:
    process, url = start(target)
    try:
        asyncio.run(_first_renders(url, target, 1))  # warm the process (imports, caches)
        time.sleep(1)
        result = {"rss_idle_mb": rss_mb(process.pid)}
        result["first_render"] = asyncio.run(_first_renders(url, target, args.repeat))
        result["toggle_one_session"] = asyncio.run(_one_session(url, target, args.single, process.pid))
        result["concurrent"] = asyncio.run(
            _concurrent(url, target, args.sessions, args.toggles, process.pid))
        result["paced"] = asyncio.run(
            _concurrent(url, target, args.sessions, args.toggles, process.pid, pace=args.pace))
        conc = result["concurrent"]
        conc["rss_per_session_mb"] = (conc["rss_with_sessions_mb"] - result["rss_idle_mb"]) / args.sessions
        result["reruns"] = asyncio.run(_many_reruns(url, target, args.reruns, process.pid))
        return result
    finally:
        stop(process)


def _row(metric: str, bare: float, app: float, unit: str, target: str = "", met: str = "") -> str:
    ratio = app / bare if bare else float("nan")
    return f"| {metric} | {bare:,.1f} {unit} | {app:,.1f} {unit} | {ratio:.2f}× | {target} | {met} |"


def table(bare: dict, app: dict, pace: float) -> str:
    lines = ["| measure | bare app | IMOS Case Explorer | ratio | target | met |",
             "| --- | ---: | ---: | ---: | --- | --- |"]
    bare_first = bare["first_render"]["(main)"]["median_ms"]
    for page, figures in app["first_render"].items():
        lines.append(_row(f"first render, /{'' if page == '(main)' else page} (median)",
                          bare_first, figures["median_ms"], "ms"))
    one_b, one_a = bare["toggle_one_session"], app["toggle_one_session"]
    lines.append(_row("toggle → rerun done, 1 session, median", one_b["median_ms"],
                      one_a["median_ms"], "ms"))
    ok = one_a["p95_ms"] <= 1.3 * one_b["p95_ms"]
    lines.append(_row("toggle → rerun done, 1 session, p95", one_b["p95_ms"], one_a["p95_ms"],
                      "ms", "≤ 1.3×", "yes" if ok else "**no**"))
    lines.append(_row("server CPU per toggle rerun", one_b["cpu_ms_per_toggle"],
                      one_a["cpu_ms_per_toggle"], "ms"))
    lines.append(_row("bytes sent per toggle rerun", one_b["bytes"], one_a["bytes"], "B"))
    cb, ca = bare["concurrent"], app["concurrent"]
    n = ca["sessions"]
    lines.append(_row(f"toggle → rerun done, {n} sessions × {ca['toggles_each']}, median",
                      cb["median_ms"], ca["median_ms"], "ms"))
    ok = ca["p95_ms"] <= 1.5 * cb["p95_ms"] and ca["errors"] == 0
    lines.append(_row(f"toggle → rerun done, {n} sessions, p95", cb["p95_ms"], ca["p95_ms"], "ms",
                      "≤ 1.5×, no errors", "yes" if ok else "**no**"))
    lines.append(_row(f"errors, {n} sessions", cb["errors"], ca["errors"], "", "0",
                      "yes" if ca["errors"] == 0 else "**no**"))
    pb, pa = bare["paced"], app["paced"]
    lines.append(_row(f"toggle → rerun done, {n} sessions, one click per ~{pace:g} s each, p95",
                      pb["p95_ms"], pa["p95_ms"], "ms", "(extra: a room clicking)",
                      "errors: " + str(pa["errors"])))
    lines.append(_row("throughput at saturation", cb["reruns_per_s"], ca["reruns_per_s"],
                      "reruns/s"))
    lines.append(_row("server RSS at idle", bare["rss_idle_mb"], app["rss_idle_mb"], "MB"))
    lines.append(_row(f"server RSS with {n} sessions", cb["rss_with_sessions_mb"],
                      ca["rss_with_sessions_mb"], "MB"))
    ok = ca["rss_per_session_mb"] < 5
    lines.append(_row("RSS per extra session", cb["rss_per_session_mb"], ca["rss_per_session_mb"],
                      "MB", "< 5 MB", "yes" if ok else "**no**"))
    rb, ra = bare["reruns"], app["reruns"]
    ok = ra["growth_mb"] < 5 and ra["errors"] == 0
    lines.append(_row(f"RSS growth over {ra['reruns']:,} reruns after warm-up", rb["growth_mb"],
                      ra["growth_mb"], "MB", "flat (< 5 MB)", "yes" if ok else "**no**"))
    return "\n".join(lines)


async def _burst(url: str, target: Target, sessions: int, pid: int) -> dict:
    """`sessions` new readers opening the explorer page at the same moment (a room told
    "open the link now"): each one's first render, from connecting to the finished run,
    and the server's CPU time per render."""
    clients = [Session(url, page=target.toggle_page) for _ in range(sessions)]
    cpu_before = cpu_seconds(pid)
    opened = await asyncio.gather(*(c.open() for c in clients), return_exceptions=True)
    cpu = cpu_seconds(pid) - cpu_before
    await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    done = [o for o in opened if not isinstance(o, Exception) and o.ok]
    times = [1000 * o.seconds for o in done]
    return {"sessions": sessions, "median_ms": statistics.median(times), "p95_ms": p95(times),
            "cpu_ms": 1000 * cpu / sessions,
            "bytes": statistics.median(o.bytes for o in done), "errors": sessions - len(done)}


def measure_burst(target: Target, args) -> list[dict]:
    """The burst of first renders, `args.repeat` times on one warmed server."""
    process, url = start(target)
    try:
        asyncio.run(_first_renders(url, target, 1))
        asyncio.run(_burst(url, target, 5, process.pid))  # warm: the shared series and rules
        return [asyncio.run(_burst(url, target, args.sessions, process.pid))
                for _ in range(args.repeat)]
    finally:
        stop(process)


def burst_table(args) -> str:
    """The explorer's first render for `args.sessions` readers at once, against the panel
    floor and the bare app, in alternating runs (`--runs`); medians of each run's p95."""
    figures: dict[str, list[dict]] = {"bare": [], "floor_panel": [], "imos": []}
    for run in range(args.runs):
        for key, target in (("bare", BARE), ("floor_panel", FLOOR_PANEL), ("imos", IMOS)):
            print(f"run {run + 1}: {target.name}, {args.sessions} readers at once ...", file=sys.stderr)
            figures[key].extend(measure_burst(target, args))
    lines = [f"| {args.sessions} readers open the page at once | bare app | panel floor | "
             "IMOS Case Explorer | IMOS / floor |", "| --- | ---: | ---: | ---: | ---: |"]
    for metric, name, unit in (("median_ms", "first render, median", "ms"),
                               ("p95_ms", "first render, p95", "ms"),
                               ("cpu_ms", "server CPU per first render", "ms"),
                               ("bytes", "bytes of a first render", "B")):
        bare, floor, imos = (statistics.median(r[metric] for r in figures[k])
                             for k in ("bare", "floor_panel", "imos"))
        lines.append(f"| {name} | {bare:,.0f} {unit} | {floor:,.0f} {unit} | {imos:,.0f} {unit} | "
                     f"{imos / floor:.2f}× |")
    per_run = ", ".join(f"{i['p95_ms'] / f['p95_ms']:.2f}×"
                        for i, f in zip(figures["imos"], figures["floor_panel"]))
    errors = sum(r["errors"] for group in figures.values() for r in group)
    return "\n".join(lines) + f"\n\nIMOS / floor p95, run by run: {per_run}. Errors: {errors}."


def measure_single(target: Target, args) -> list[dict]:
    """The one-session toggle figure, `args.repeat` times in one process (warmed first)."""
    process, url = start(target)
    try:
        asyncio.run(_first_renders(url, target, 1))
        runs = [asyncio.run(_one_session(url, target, args.single, process.pid))
                for _ in range(args.repeat)]
        if target is IMOS:  # beside the back-and-forth toggle: each click a new drawing
            runs[0]["new_drawing_bytes"] = asyncio.run(_drawing_walk(url, target))
        return runs
    finally:
        stop(process)


async def _drawing_walk(url: str, target: Target) -> list[int]:
    """Bytes of each toggle that draws something new on the explorer's schematic bone:
    every finding the bone can draw set present in turn, one more each click (the
    back-and-forth toggle of the other figures redraws a picture the browser holds)."""
    from imos.drawing.bone import drawable_findings

    session = Session(url, page=target.toggle_page)
    await session.open()
    sizes = []
    for finding in drawable_findings():
        rerun = await target.toggle(session, {"finding": finding, "value": "present"})
        sizes.append(rerun.bytes)
    await session.close()
    return sizes


def single_table(args) -> str:
    """Bare app and IMOS, one session toggling: medians over the repeats, and the ratio."""
    figures = {}
    for key, target in (("bare", BARE), ("imos", IMOS)):
        print(f"measuring {target.name}, one session ...", file=sys.stderr)
        runs = measure_single(target, args)
        figures[key] = {m: statistics.median(r[m] for r in runs)
                        for m in ("median_ms", "p95_ms", "cpu_ms_per_toggle", "bytes")}
        figures[key]["new_drawing_bytes"] = runs[0].get("new_drawing_bytes", [])
    lines = ["| one session, per toggle | bare app | IMOS Case Explorer | ratio |",
             "| --- | ---: | ---: | ---: |"]
    for metric, name in (("median_ms", "median latency"), ("p95_ms", "p95 latency"),
                         ("cpu_ms_per_toggle", "server CPU")):
        bare, imos = figures["bare"][metric], figures["imos"][metric]
        lines.append(f"| {name} | {bare:,.1f} ms | {imos:,.1f} ms | {imos / bare:.2f}× |")
    bare, imos = figures["bare"]["bytes"], figures["imos"]["bytes"]
    lines.append(f"| bytes sent per toggle | {bare:,.0f} B | {imos:,.0f} B | {imos / bare:.2f}× |")
    walk = figures["imos"]["new_drawing_bytes"]
    lines.append(f"| bytes per toggle drawing something new ({len(walk)} findings in turn): "
                 f"median, max | | {statistics.median(walk):,.0f} B, {max(walk):,} B | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--toggles", type=int, default=20)
    parser.add_argument("--reruns", type=int, default=2000)
    parser.add_argument("--single", type=int, default=60, help="toggles for the one-session figure")
    parser.add_argument("--repeat", type=int, default=5, help="new sessions per page for first render")
    parser.add_argument("--pace", type=float, default=3.0,
                        help="mean seconds between one reader's clicks in the paced scenario")
    parser.add_argument("--scale-cases", type=int, default=500,
                        help="size of the synthetic series measured beside the shipped one (0: skip)")
    parser.add_argument("--no-floors", dest="floors", action="store_false",
                        help="skip the two floor apps (what such a page costs Streamlit)")
    parser.add_argument("--no-deployed", dest="deployed", action="store_false",
                        help="skip the load through nginx in front of two replicas of each app")
    parser.add_argument("--quick", action="store_true", help="10 sessions, 200 reruns: a smoke run")
    parser.add_argument("--burst-only", action="store_true",
                        help="only the first render of --sessions readers opening the explorer "
                             "at once, IMOS beside the panel floor and the bare app, --runs "
                             "alternating runs of --repeat bursts each")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs for --burst-only")
    parser.add_argument("--single-only", action="store_true",
                        help="only the one-session toggle figure, bare app and IMOS, each "
                             "measured --repeat times (bench/results.json is left alone)")
    args = parser.parse_args(argv)
    if args.burst_only:
        print(burst_table(args))
        return
    if args.single_only:
        print(single_table(args))
        return
    if args.quick:
        args.sessions, args.toggles, args.reruns, args.single, args.repeat = 10, 5, 200, 20, 2
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform()},
               "arguments": vars(args)}
    for key, target in (("bare", BARE), ("imos", IMOS)):
        print(f"measuring {target.name} ...", file=sys.stderr)
        results[key] = measure(target, args)
    print(table(results["bare"], results["imos"], args.pace))
    if args.floors:
        for key, target in (("floor_native", FLOOR_NATIVE), ("floor_panel", FLOOR_PANEL)):
            print(f"measuring {target.name} ...", file=sys.stderr)
            results[key] = measure_floor(target, args)
        print()
        print(floor_table(results))
    if args.deployed and NGINX:
        results["deployed"] = {}
        for key, target in (("bare", BARE), ("imos", IMOS)):
            print(f"measuring {target.name}, two replicas behind nginx ...", file=sys.stderr)
            results["deployed"][key] = measure_deployed(target, args)
        print()
        print(deployed_table(results))
    if args.scale_cases:
        import tempfile

        print(f"measuring IMOS Case Explorer on {args.scale_cases} synthetic cases ...",
              file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            results["imos_scale"] = measure_scale(args, Path(folder))
        print()
        print(scale_table(results["imos"], results["imos_scale"], args.scale_cases))
    RESULTS.write_text(json.dumps(results, indent=1))
    print(f"\nraw figures: {RESULTS.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()

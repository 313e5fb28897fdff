"""The live-room benchmark: a presenter and N voters at a human pace, from outside.

    python -m bench.room                    # 300 voters, one process, the embedded store
    python -m bench.room --replicas 2       # 300 voters, two replicas with Redis behind nginx
    python -m bench.room --voters 30        # a smoke run

Everyone speaks Streamlit's websocket protocol (`bench/protocol.py`), as a browser does:
the presenter opens `/walkthrough?case=2&step=1&present=1`, presses **Open a live room**
and then sends the live count's `run_every` fragment reruns (every second); each voter
opens the voting link at a random moment of the first `--arrive` seconds, sends its
page's "follow the presenter" fragment reruns (at its `run_every`), votes after a random
5-30 s of thought and changes the vote once in two cases out of three. A vote's delay is
from sending it to the presenter's first count that includes it (the n-th vote to finish
is in the count once the count reaches n). Memory per voter is the servers' resident
memory with every voter connected, less before any joined, over the number of voters.
Prints a table and writes `bench/room_results.json`; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.protocol import Session
from bench.run import cpu_seconds, p95, rss_mb
from bench.server import replicas_behind_nginx, start_redis, start_streamlit, stop

RESULTS = Path(__file__).resolve().parent / "room_results.json"
COUNT = re.compile(r"\*\*(\d+)\*\* joined · \*\*(\d+)\*\* voted")
CODE = re.compile(r"Room code \*\*([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})\*\*")


@dataclass
class Log:
    counts: list[tuple[float, int, int]] = field(default_factory=list)  # (time, joined, voted)
    votes: list[tuple[float, float]] = field(default_factory=list)  # first votes: (sent, done)
    reruns: list[tuple[str, float, bool]] = field(default_factory=list)  # (kind, seconds, ok)
    errors: list[str] = field(default_factory=list)


async def _ticks(session: Session, fragment_id: str, interval: float, until: float,
                 log: Log, kind: str, after=None, lock: asyncio.Lock | None = None) -> None:
    """Fragment reruns at a fixed rate (a tick is skipped while the last is running).

    `lock` keeps them from overlapping another rerun of the same session: this client
    reads one rerun's messages at a time (a browser dispatches them as they come)."""
    lock = lock or asyncio.Lock()
    next_tick = time.monotonic() + interval
    while time.monotonic() < until:
        await asyncio.sleep(max(0.0, next_tick - time.monotonic()))
        next_tick += interval
        while next_tick < time.monotonic():
            next_tick += interval
        async with lock:
            rerun = await session.rerun_fragment(fragment_id)
        log.reruns.append((kind, rerun.seconds, rerun.ok))
        if after is not None:
            after(session)


async def presenter(url: str, log: Log, ready: asyncio.Future, until: float) -> None:
    session = Session(url, page="walkthrough", query="case=2&step=1&present=1", timeout=60)
    try:
        await session.open()
        rerun = await session.click("wt_open_room")
        code = next((m.group(1) for t in session.texts if (m := CODE.search(t))), None)
        if not rerun.ok or code is None:
            raise RuntimeError("the presenter could not open a room")
        ready.set_result(code.replace("-", ""))
        (fragment_id, interval), = session.auto_reruns.items()

        def note(s: Session) -> None:
            for text in s.texts:
                if match := COUNT.search(text):
                    log.counts.append((time.perf_counter(), int(match[1]), int(match[2])))

        await _ticks(session, fragment_id, interval, until, log, "presenter count", note)
    except Exception as error:  # noqa: BLE001 (a benchmark reports, never stops)
        if not ready.done():
            ready.set_exception(error)
        log.errors.append(f"presenter: {error!r}")
    finally:
        await session.close()


async def voter(url: str, code: str, log: Log, rng: random.Random, arrive: float,
                until: float) -> None:
    await asyncio.sleep(rng.uniform(0, arrive))
    session = Session(url, page="vote", query=f"room={code}", timeout=60)
    polling = None
    try:
        opened = await session.open()
        log.reruns.append(("voter opens the link", opened.seconds, opened.ok))
        boxes = [w.widget_id for k, w in session.widgets.items() if k.startswith("vote_")]
        if not opened.ok or not boxes or not session.auto_reruns:
            raise RuntimeError("the voting page did not offer a ballot")
        (fragment_id, interval), = session.auto_reruns.items()
        lock = asyncio.Lock()
        polling = asyncio.create_task(
            _ticks(session, fragment_id, interval, until, log, "voter follows", lock=lock))
        for number in range(1 if rng.random() < 1 / 3 else 2):
            await asyncio.sleep(rng.uniform(5, 30) if number == 0 else rng.uniform(5, 20))
            ballot = {box: rng.random() < 0.5 for box in boxes}
            async with lock:
                sent = time.perf_counter()
                rerun = await session.click("Send my vote", ballot)
            received = any("Vote received" in t for t in session.texts)
            log.reruns.append(("vote", rerun.seconds, rerun.ok and received))
            if not (rerun.ok and received):
                log.errors.append("a vote was not received")
            elif number == 0:
                log.votes.append((sent, time.perf_counter()))
        await polling
    except Exception as error:  # noqa: BLE001
        log.errors.append(f"voter: {error!r}")
    finally:
        if polling is not None:
            polling.cancel()
        await session.close()


def vote_delays(log: Log) -> list[float]:
    """Seconds from sending each first vote to the presenter's first count including it."""
    delays = []
    counts = sorted(log.counts)
    for n, (sent, _) in enumerate(sorted(log.votes, key=lambda v: v[1]), start=1):
        seen = next((t for t, _, voted in counts if voted >= n and t >= sent), None)
        if seen is not None:
            delays.append(seen - sent)
    return delays


async def warm(urls: list[str]) -> None:
    """Load what a session needs (series, knowledge, pages) in every replica, so that the
    memory per voter does not count a replica's first session."""
    for url in urls:
        for page, query in (("walkthrough", "case=2&step=1"), ("vote", "")):
            session = Session(url, page=page, query=query, timeout=60)
            await session.open()
            await session.close()


async def drive(url: str, voters: int, arrive: float, duration: float, pids: list[int],
                seed: int, replica_urls: list[str]) -> dict:
    await warm(replica_urls)
    rng = random.Random(seed)
    log = Log()
    until = time.monotonic() + max(duration, arrive + 55)  # every vote falls in the session
    ready = asyncio.get_running_loop().create_future()
    talk = asyncio.create_task(presenter(url, log, ready, until + 5))
    code = await ready
    rss_before = sum(rss_mb(pid) for pid in pids)
    cpu_before, started = sum(cpu_seconds(pid) for pid in pids), time.monotonic()
    crowd = [asyncio.create_task(voter(url, code, log, random.Random(rng.random()), arrive, until))
             for _ in range(voters)]
    await asyncio.sleep(arrive + 10)
    rss_joined = sum(rss_mb(pid) for pid in pids)
    await asyncio.gather(*crowd)
    await talk
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    elapsed = time.monotonic() - started
    delays = vote_delays(log)
    by_kind: dict[str, list[float]] = {}
    for kind, seconds, _ in log.reruns:
        by_kind.setdefault(kind, []).append(seconds)
    final = log.counts[-1] if log.counts else (0.0, 0, 0)
    return {
        "voters": voters, "joined": final[1], "voted": final[2], "first_votes": len(log.votes),
        "first_votes_never_counted": len(log.votes) - len(delays),
        "errors": len(log.errors) + sum(not ok for _, _, ok in log.reruns),
        "error_samples": log.errors[:5],
        "vote_to_presenter_p95_s": p95(delays) if delays else None,
        "vote_to_presenter_median_s": sorted(delays)[len(delays) // 2] if delays else None,
        "vote_to_presenter_max_s": max(delays) if delays else None,
        "reruns_p95_ms": {k: 1000 * p95(v) for k, v in by_kind.items()},
        "reruns": {k: len(v) for k, v in by_kind.items()},
        "server_cpu_s": cpu, "elapsed_s": elapsed,
        "server_cpu_ms_per_rerun": 1000 * cpu / max(1, len(log.reruns)),
        "load_average_1min": os.getloadavg()[0],
        "rss_before_mb": rss_before, "rss_joined_mb": rss_joined,
        "rss_per_voter_mb": (rss_joined - rss_before) / voters,
    }


def run(args) -> dict:
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        if args.replicas == 1:
            env = {"IMOS_ROOM_STORE": "", "IMOS_ROOM_DIR": str(work_dir / "rooms")}
            process, url = start_streamlit("dashboard.py", env)
            try:
                return asyncio.run(drive(url, args.voters, args.arrive, args.duration,
                                         [process.pid], args.seed, [url]))
            finally:
                stop(process)
        redis, redis_url = start_redis(work_dir)
        try:
            envs = [{"IMOS_ROOM_STORE": redis_url}] * args.replicas
            with replicas_behind_nginx(work_dir, envs, per_connection=True) as (url, apps):
                return asyncio.run(drive(url, args.voters, args.arrive, args.duration,
                                         [p.pid for p, _ in apps], args.seed,
                                         [u for _, u in apps]))
        finally:
            stop(redis)


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def table(result: dict, label: str) -> str:
    rows = [("voters (joined / voted on the presenter's count)",
             f"{result['voters']} ({result['joined']} / {result['voted']})"),
            ("errors; first votes never on the presenter's count",
             f"{result['errors']}; {result['first_votes_never_counted']}"),
            ("vote → presenter's count, p95", _seconds(result["vote_to_presenter_p95_s"])),
            ("vote → presenter's count, median", _seconds(result["vote_to_presenter_median_s"])),
            ("vote → presenter's count, max", _seconds(result["vote_to_presenter_max_s"]))]
    rows += [(f"{kind}: rerun p95 ({result['reruns'][kind]:,} reruns)", f"{ms:,.0f} ms")
             for kind, ms in result["reruns_p95_ms"].items()]
    rows.append(("server CPU (all processes) over the session",
                 f"{result['server_cpu_s']:.0f} s in {result['elapsed_s']:.0f} s, "
                 f"{result['server_cpu_ms_per_rerun']:.1f} ms per rerun"))
    rows.append(("machine load average at the end (2 cores, shared)",
                 f"{result['load_average_1min']:.1f}"))
    rows.append(("server RSS per voter", f"{result['rss_per_voter_mb']:.2f} MB"))
    return "\n".join([f"| {label} | |", "| --- | ---: |"] + [f"| {a} | {b} |" for a, b in rows])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=300)
    parser.add_argument("--replicas", type=int, default=1,
                        help="1: one process, embedded store; 2+: replicas with Redis behind nginx")
    parser.add_argument("--arrive", type=float, default=30.0,
                        help="voters open the link at a random moment of these first seconds")
    parser.add_argument("--duration", type=float, default=90.0, help="seconds of the session")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    label = ("one process, embedded store" if args.replicas == 1
             else f"{args.replicas} replicas with Redis behind nginx")
    print(f"measuring a live room of {args.voters} voters, {label} ...", file=sys.stderr)
    result = run(args)
    print(table(result, label))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[f"replicas_{args.replicas}"] = {
        **result, "arguments": vars(args),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}}
    RESULTS.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

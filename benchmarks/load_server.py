"""Load test of ``award-rules serve``: concurrent clients on the loopback address.

Starts the service on 127.0.0.1 (never another address), drives ``--clients``
keep-alive clients for ``--seconds`` (and at most ``--max-requests``), then
reports requests/s, p50/p99 latency, errors, and the server's resident memory
before the run (after a warm-up) and after it. Targets: no errors, memory back
within 10%, p99 under 10x p50; each printed as met or not met.

    .venv/bin/python benchmarks/load_server.py --seconds 5
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from award_rules import load_nominee
from award_rules.server.examples import as_json

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
RETIREMENT = "vss.dg_certificate.retirement"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    """The process's resident memory in KiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc status")


def requests_mix() -> list[tuple[str, str, bytes]]:
    """What the clients send: each example nominee judged (as JSON, as other systems send
    it), and the awards in force."""
    mix: list[tuple[str, str, bytes]] = []
    for path in sorted((ROOT / "examples" / "nominees").glob("*.yaml")):
        award = RETIREMENT if "official" in path.name else "vss.dg_certificate.small_collective"
        body = json.dumps(as_json(load_nominee(path)), ensure_ascii=False).encode()
        mix.append(("POST", f"/api/judge?award={award}&as_of=2020-07-20&lang=en", body))
    mix.append(("GET", "/api/awards?year=2020", b""))
    return mix


def wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


class Client(threading.Thread):
    """One keep-alive client sending the mix in turn until the deadline or the request cap."""

    def __init__(
        self,
        port: int,
        mix: list[tuple[str, str, bytes]],
        offset: int,
        deadline: float,
        budget: list[int],
        lock: threading.Lock,
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.mix, self.index = port, mix, offset
        self.deadline, self.budget, self.lock = deadline, budget, lock
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def take(self) -> bool:
        with self.lock:
            if self.budget[0] <= 0:
                return False
            self.budget[0] -= 1
            return True

    def run(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        while time.monotonic() < self.deadline and self.take():
            method, path, body = self.mix[self.index % len(self.mix)]
            self.index += 1
            started = time.perf_counter()
            try:
                connection.request(
                    method, path, body=body or None, headers={"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                data = response.read()
                self.latencies.append(time.perf_counter() - started)
                if response.status != 200:
                    self.errors.append(f"{response.status} {path}: {data[:200]!r}")
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{type(exc).__name__} {path}")
                connection.close()
                connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        connection.close()


def drive(
    port: int, clients: int, seconds: float, max_requests: int
) -> tuple[list[float], list[str], float]:
    mix = requests_mix()
    lock, budget = threading.Lock(), [max_requests]
    started = time.monotonic()
    threads = [Client(port, mix, i, started + seconds, budget, lock) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    latencies = sorted(x for t in threads for x in t.latencies)
    errors = [e for t in threads for e in t.errors]
    return latencies, errors, elapsed


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--max-requests",
        type=int,
        default=200_000,
        help="stop after this many requests even before --seconds",
    )
    parser.add_argument("--warmup", type=int, default=300, help="requests before measuring")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 600:
        parser.error("--clients must be 1..500 and --seconds 0..600")

    port = free_port()
    command = [sys.executable, "-m", "award_rules", "serve", "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port, server)
        _, warm_errors, _ = drive(port, min(args.clients, 10), 60, args.warmup)
        if warm_errors:
            print("warm-up errors:", *warm_errors[:5], sep="\n  ")
        before = rss_kib(server.pid)
        latencies, errors, elapsed = drive(port, args.clients, args.seconds, args.max_requests)
        time.sleep(1.0)
        after = rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(10)

    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    growth = (after - before) / before
    print(
        f"{args.clients} clients, {elapsed:.1f} s, {len(latencies)} requests: "
        f"{len(latencies) / elapsed:.0f} requests/s"
    )
    print(f"latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms (p99/p50 = {p99 / p50:.1f})")
    print(f"errors: {len(errors)}")
    for error in errors[:5]:
        print(f"  {error}")
    print(
        f"server memory: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after "
        f"({growth:+.1%})"
    )
    targets = {
        "no errors": not errors,
        "memory back within 10%": growth <= 0.10,
        "p99 under 10x p50": p99 < 10 * p50,
    }
    for name, met in targets.items():
        print(f"target {name}: {'met' if met else 'NOT MET'}")
    print(
        json.dumps(
            {
                "requests_per_s": round(len(latencies) / elapsed, 1),
                "p50_ms": round(p50 * 1000, 2),
                "p99_ms": round(p99 * 1000, 2),
                "errors": len(errors),
                "rss_before_kib": before,
                "rss_after_kib": after,
                "targets_met": all(targets.values()),
            }
        )
    )
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

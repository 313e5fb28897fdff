"""The shipped compose file runs the replicas on one shared Redis room store."""

from __future__ import annotations

import yaml

from tests.conftest import REPO


def test_every_replica_in_the_compose_file_shares_rooms_through_its_redis_service():
    services = yaml.safe_load((REPO / "deploy/docker-compose.yml").read_text())["services"]
    apps = {name: s for name, s in services.items() if s.get("build")}
    assert len(apps) >= 2
    for service in apps.values():
        assert service["environment"]["IMOS_ROOM_STORE"] == "redis://redis:6379/0"
        assert service["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["redis"]["image"].startswith("redis:")
    assert "healthcheck" in services["redis"]


def test_redis_keeps_the_rooms_in_an_append_only_file_on_a_volume():
    """Issue 24: Redis ran without persistence and a restart lost every acknowledged vote."""
    compose = yaml.safe_load((REPO / "deploy/docker-compose.yml").read_text())
    redis = compose["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert command[command.index("--appendfsync") + 1] == "everysec"
    data_dir = command[command.index("--dir") + 1]
    volume = next(v for v in redis["volumes"] if v.endswith(":" + data_dir))
    assert volume.split(":")[0] in compose["volumes"]

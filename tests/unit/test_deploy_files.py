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

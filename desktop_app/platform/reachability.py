"""Is the provincial platform reachable right now? Answers "online" / "offline", never raises."""

from __future__ import annotations

HEALTH_PATH = "/api/v1/health"


def platform_reachable(base_url: str | None, *, timeout: float = 3.0) -> bool:
    """True when the platform answers its health check; any network trouble means offline."""
    if not base_url:
        return False
    import httpx  # deferred: importing httpx costs ~0.1 s of start-up and is needed only here

    try:
        response = httpx.get(base_url.rstrip("/") + HEALTH_PATH, timeout=timeout)
    except httpx.HTTPError:
        return False
    return response.status_code == 200

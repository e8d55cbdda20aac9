import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit counts live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()

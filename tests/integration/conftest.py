"""Fixtures: a fresh relaisd per test, stopped by its PID afterwards."""
import pytest

from relaistest import RELAISD, Server


def pytest_configure(config):
    if not RELAISD.exists():
        raise pytest.UsageError('%s is missing: build first' % RELAISD)


@pytest.fixture
def make_server(tmp_path):
    servers = []

    def make(name='srv', **kw):
        s = Server(tmp_path / name, **kw)
        servers.append(s)
        return s
    yield make
    for s in servers:
        s.stop()


@pytest.fixture
def server(make_server):
    return make_server().start()

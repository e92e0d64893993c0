import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import os  # noqa: E402

import pytest  # noqa: E402

# Tests that need Debian's Chromium (browser tests; chart images rendered by kaleido) skip on a
# developer's machine without it, and never in CI (.ci/run installs it).
needs_chromium = pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not os.environ.get("CI"),
                                    reason="needs /usr/bin/chromium (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """pytest-playwright: Debian's Chromium, never a downloaded browser."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The app on the bundled seed, started with no database so that it builds one itself."""
    from tests.browser import StreamlitServer

    db = tmp_path_factory.mktemp("browser") / "alliance.duckdb"
    server = StreamlitServer(db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def analytics_db(tmp_path_factory):
    """A read-only connection to the hand-computed analytics fixture (tests/factory.analytics_tables)."""
    from alliance.db import connect
    from tests.factory import analytics_tables, build_db

    connection = connect(build_db(tmp_path_factory.mktemp("analytics"), analytics_tables()))
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """pytest-playwright: a German browser, as the users in Mainz have."""
    return {**browser_context_args, "locale": "de-DE"}

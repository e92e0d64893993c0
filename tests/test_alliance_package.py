"""The domain package stays free of Streamlit: pages call it, never the other way round."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_alliance_never_imports_streamlit():
    modules = sorted(p.stem for p in (ROOT / "alliance").glob("*.py") if p.stem != "__init__")
    code = ("import sys\n" + "".join(f"import alliance.{m}\n" for m in modules)
            + "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert {"sectors", "matching", "membership", "db", "overview", "i18n"} <= set(modules)

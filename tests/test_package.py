"""kg as a user installs it: the wheel, built from the package sources alone, installed (not editable) into a
fresh virtual environment, builds and queries a graph from a folder outside the checkout.

About a minute and a half here (installing the dependencies is most of it); `-m "not wheel"` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import __version__

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.wheel

DOCUMENTS = {
    "order.md": "---\ntitle: Executive order\ndate: 2017-01-25\n---\n# Executive order\n\n"
    "President Donald Trump signed Executive Order 13768 on January 25, 2017. The order directs the Attorney "
    "General to withhold **federal grants** from sanctuary jurisdictions.\n",
    "reply.txt": "date: 2017-01-26\n---\nMayor Bill de Blasio of New York City said the city will oppose "
    "Executive Order 13768. Governor Jerry Brown of California vowed to challenge the order in court.\n",
}


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(bin folder of the fresh environment, a working folder outside the checkout, the environment variables)."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    # The sources a wheel is made of, and nothing else of the checkout: data read from outside kg/ would be missing.
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, source],
         tmp, env)
    (wheel,) = wheels.glob("kg-*.whl")
    _run([sys.executable, "-m", "venv", tmp / "venv"], tmp, env)
    bin_ = tmp / "venv" / "bin"
    # The dependencies as pyproject.toml declares them, pinned by constraints.txt as `make install` pins them;
    # --no-compile skips byte-compiling them (half the time of the install).
    _run([bin_ / "python", "-m", "pip", "install", "--quiet", "--no-compile", "--constraint",
          ROOT / "constraints.txt", wheel], tmp, env)
    work = tmp / "elsewhere"
    (work / "docs").mkdir(parents=True)
    for name, text in DOCUMENTS.items():
        (work / "docs" / name).write_text(text, encoding="utf-8")
    return bin_, work, env


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_, work, env = installed
    where = _run([bin_ / "python", "-c", "import kg, kg.data; print(kg.__file__); print(kg.data.ontology())"],
                 work, env)
    assert str(ROOT) not in where and str(bin_.parent) in where
    version = _run([bin_ / "kg", "--version"], work, env)
    assert version.strip() == f"kg {__version__}"


def test_kg_build_and_query_from_outside_the_checkout(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_, work, env = installed
    built = _run([bin_ / "kg", "build", "docs", "--store", "store", "--no-progress"], work, env)
    assert "2 built" in built or "built 2" in built, built
    issued = _run([bin_ / "kg", "query", "orders_issued", "--store", "store", "--format", "csv"], work, env)
    assert "13768" in issued and "Donald J. Trump" in issued  # the authority tables' label
    listed = _run([bin_ / "kg", "query", "--store", "store"], work, env)
    assert "stances" in listed and "entity_search" in listed
    valid = _run([bin_ / "kg", "validate", "--store", "store", "--no-reasoner"], work, env)
    assert "conform" in valid.lower()

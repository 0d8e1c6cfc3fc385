"""The dbt project, built once. Its manifest is prepared by the install step and by
`dagster dev`; a checkout without one (or with one older than the dbt sources) prepares it
here, because a code location that fails to load fires no failure sensor."""

import os
import shutil
import sys
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

from cx_pipeline.config import PROJECT_ROOT

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
_SOURCE_FOLDERS = ("models", "macros", "seeds", "tests")


def manifest_is_stale(project_dir: Path, manifest: Path) -> bool:
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    candidates = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for folder in _SOURCE_FOLDERS:
        candidates.extend(p for p in (project_dir / folder).rglob("*") if p.is_file())
    return any(p.stat().st_mtime > built for p in candidates if p.exists())


def _put_dbt_on_path() -> None:
    """dagster-dbt's manifest preparer calls plain `dbt`; a venv that is not activated has
    it beside its Python but off PATH."""
    if shutil.which("dbt") is None:
        bin_dir = str(Path(sys.executable).parent)
        os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])


@cache
def cx_dbt_project() -> DbtProject:
    _put_dbt_on_path()
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    if manifest_is_stale(DBT_PROJECT_DIR, project.manifest_path):
        project.preparer.prepare(project)
    return project

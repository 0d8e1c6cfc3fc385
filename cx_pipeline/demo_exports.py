"""Make sure the export folder holds every source file, generating the demo company if allowed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cx_pipeline.config import Settings
from cx_pipeline.extract.export_files import export_path
from cx_pipeline.extract.sources import uses_api
from cx_pipeline.source_tables import TABLES, SourceTable


class MissingExportsError(FileNotFoundError):
    """Export files are missing and the demo generator may not fill the folder."""


@dataclass(frozen=True)
class ExportsReport:
    files: tuple[Path, ...]
    generated: bool


def missing_exports(exports_root: Path, tables: list[SourceTable]) -> list[Path]:
    return [p for t in tables if not (p := export_path(exports_root, t)).exists()]


def ensure_exports(settings: Settings, log: Callable[[str], None] = print) -> ExportsReport:
    """The export files the configured backends read (the tables no API serves, under an
    "api" backend), generating the demo company when the folder is empty and every system
    reads files."""
    root = settings.paths.exports
    tables = [t for t in TABLES if not uses_api(settings, t)]
    missing = missing_exports(root, tables)
    generated = False
    demo_allowed = settings.demo.generate_if_missing and len(tables) == len(TABLES)
    if missing:
        # A folder with only some files is a user's export gone wrong: never paper over it
        # with demo data.
        if len(missing) < len(TABLES) or not demo_allowed:
            names = ", ".join(str(p.relative_to(root)) for p in missing)
            raise MissingExportsError(f"export folder {root} lacks: {names}")
        from cx_pipeline.demo import generate  # heavy import, only when generating

        demo = settings.demo
        log(f"no export files in {root}: generating the demo company (scale {demo.scale})")
        generate(root, scale=demo.scale, seed=demo.seed, end_date=demo.end_date, months=demo.months)
        generated = True
    return ExportsReport(files=tuple(export_path(root, t) for t in tables), generated=generated)

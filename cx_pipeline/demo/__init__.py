"""Deterministic demo company: a Finnish online and physical-store retailer (B2C and B2B).

``generate(out_dir, scale=1.0, seed=42, end_date=date(2026, 10, 31), months=18)`` writes
every source table of ``cx_pipeline.source_tables`` as export files
(``<out_dir>/<system>/<table>.csv|jsonl``) plus ``_manifest.json`` (arguments, row counts
per table, the deliberate dirt injected), and returns the row counts. The same arguments
give byte-identical files.

Size: scale 1 is about 5,000 shop customers, 7,600 CRM contacts (a third of them leads who
never buy) and ~31k orders over 18 months. Everything customer-related grows linearly with
``scale``; staff grows with its square root, campaigns with its logarithm. Scale 3.3 gives
~100k orders, scale 33 ~1M (about 20 s), scale 330 ~10M (about 2.5 min, < 1 GB RSS, 12 GB of
files, measured on a 2-core box; see ``benchmarks/generate_demo.py``).

Data is generated in chunks of 40,000 people (``generator.CHUNK_PERSONS``) appended to the
files, so memory stays bounded by about two chunks (one drawn, one being written) whatever
the scale. Ids continue across chunks from a shared cursor (``ids.IdCursor``).

Modules: ``timeline`` (Helsinki calendar, holidays, support hours), ``clock`` (times of
day, demand curve), ``org`` (staff, groups, campaigns, surveys, catalogue), ``people``,
``commerce``, ``marketing``, ``helpdesk`` and ``ticket_events``, ``support_surveys``,
``selfservice``, ``sales``, ``feedback``, ``followup``, ``chunk`` (one chunk's story and
tables), ``dirt``, ``frames`` and ``writer`` (export formats), ``generator`` (the driver).
"""

from __future__ import annotations

from .generator import MANIFEST, generate

__all__ = ["MANIFEST", "generate"]

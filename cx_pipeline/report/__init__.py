"""The executive PDF report: read the warehouse, build a plain context, render, write.

Modules, each small and separately testable:

- `warehouse_reader`: the SQL (read-only) into plain frames.
- `periods`: which month is reported ("auto" = the latest complete month).
- `context`: plain data -> the plain dict the templates read (all decisions live here).
- `formatting`: Finnish and English number, date and month formats.
- `charts`: matplotlib charts as inline SVG strings.
- `render`: jinja2 HTML and WeasyPrint PDF, with a URL fetcher confined to
  report_templates/.
- `build`: `build_report`, tying them together and writing the PDF atomically.
"""

from cx_pipeline.report.build import ReportResult, build_report

__all__ = ["ReportResult", "build_report"]

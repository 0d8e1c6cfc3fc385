"""HTML from the context (jinja2), PDF from the HTML (WeasyPrint), with nothing fetched
from outside report_templates/.

Customer text is data: autoescape is on and only the files in report_templates/ are
ever compiled as templates. StrictUndefined turns a missing key into an error instead
of an empty cell in an executive's report.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
import yaml
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from cx_pipeline.config import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "report_templates"
MAIN_TEMPLATE = "report.html.j2"
# Tagged PDF/UA: a screen reader follows headings, tables and reading order, and the PDF
# declares its language. Same pages and text as untagged, about 40 % larger.
PDF_VARIANT = "pdf/ua-1"


class RefusedURLError(ValueError):
    """The renderer asked for a resource outside what the report may read."""


class ReportRenderError(RuntimeError):
    """WeasyPrint could not render the report (e.g. it asked for a refused URL)."""


class TemplatesOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves `data:` URLs and files under one folder.

    Everything else (http, https, ftp, a file outside the folder, also through `..` or a
    symlink) raises RefusedURLError naming the URL; with fail_on_errors WeasyPrint stops
    the render instead of leaving a hole in the PDF. Files are read here rather than by
    urllib, whose file handler turns `file://host/...` into an FTP request.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        raise RefusedURLError(
            f"refused to fetch {url}: the report may read only data: URLs "
            f"and files under {self.root}"
        )

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURLError(f"refused to fetch {url}: not a local file")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURLError(
                f"refused to fetch {url}: only files under {self.root} may be read"
            )
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": mime_type}
        )


@cache
def _environment(templates_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def load_labels(language: str, templates_dir: Path = TEMPLATES_DIR) -> dict[str, Any]:
    """The report's UI texts in one language, from i18n/<language>.yaml."""
    path = templates_dir / "i18n" / f"{language}.yaml"
    if not path.is_file():
        raise ValueError(f"no report texts for language '{language}' ({path} is missing)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def svg_data_url(svg: str) -> str:
    """An SVG as a data: URL for <img src>. Inlined like an <svg> element, but drawn by
    WeasyPrint's SVG renderer alone: an <svg> element's style attributes also pass
    through the HTML style engine, which logs a warning for every SVG property in them."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_html(
    context: Mapping[str, Any],
    charts: Mapping[str, str],
    templates_dir: Path = TEMPLATES_DIR,
) -> str:
    """The report's HTML. `charts` maps a metric name to the SVG made by charts.py."""
    template = _environment(templates_dir).get_template(MAIN_TEMPLATE)
    return template.render(**context, charts={k: svg_data_url(v) for k, v in charts.items()})


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int


def render_pdf(html: str, templates_dir: Path = TEMPLATES_DIR) -> RenderedPdf:
    fetcher = TemplatesOnlyFetcher(templates_dir)
    try:
        document = HTML(
            string=html, base_url=f"{templates_dir.resolve()}/", url_fetcher=fetcher
        ).render()
        data = document.write_pdf(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as exc:
        # A BaseException in WeasyPrint: turn it into an ordinary error that Dagster and
        # callers handle, keeping the message that names the URL.
        raise ReportRenderError(f"{exc}: {exc.__cause__}") from exc
    return RenderedPdf(data=data, page_count=len(document.pages))

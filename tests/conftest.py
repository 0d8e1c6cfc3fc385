"""Shared fixtures: pipeline runs are expensive, so each dataset is run once per session."""

from __future__ import annotations

import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import dagster as dg
import pytest
import yaml
from aiosmtpd.controller import Controller

from cx_pipeline.config import Settings, load_settings
from cx_pipeline.definitions import resources
from cx_pipeline.defs.resources import CxSettings
from cx_pipeline.runs import run_days
from tests.fixtures.tiny_company import write_tiny_company


@dataclass(frozen=True)
class PipelineRun:
    settings: Settings
    result: dg.ExecuteInProcessResult


def write_config(root: Path, **overrides: object) -> Path:
    raw = {
        "paths": {
            "exports": "exports",
            "landing": "raw",
            "warehouse": "warehouse/cx.duckdb",
            "reports": "reports",
        },
        **overrides,
    }
    path = root / "cx_pipeline.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


# The test datasets end by 2 November 2026; runs load the days from partitions.start_date
# (31 October by default: its partition carries the history before it) up to here, so a
# run does not depend on today's date. No later: Dagster's cost per run grows with the
# number of partitions times assets.
LAST_DAY = date(2026, 11, 2)


def run_pipeline(
    config: Path,
    *,
    language: str | None = None,
    first: date | None = None,
    last: date = LAST_DAY,
) -> PipelineRun:
    settings = load_settings(config)
    cx = CxSettings(config_file=str(config), report_language=language)
    result = run_days(
        settings, first or settings.partitions.start_date, last, resources=resources(cx)
    )
    return PipelineRun(settings=settings, result=result)


class Inbox:
    """What a real local SMTP server (aiosmtpd) received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    inbox: Inbox

    def settings(self) -> dict[str, object]:
        return {"host": self.host, "port": self.port, "security": "none", "sender": "cx@test.fi"}


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory: pytest.TempPathFactory, smtp_server: SmtpServer) -> PipelineRun:
    """The hand-made tiny company run end to end (extract -> dbt -> PDF -> e-mail)."""
    root = tmp_path_factory.mktemp("tiny")
    write_tiny_company(root / "exports")
    config = write_config(
        root,
        demo={"generate_if_missing": False},
        report={"language": "fi"},
        smtp=smtp_server.settings(),
        alerts={"report_to": ["board@example.com"]},
    )
    run = run_pipeline(config)
    assert run.result.success, "the tiny company pipeline run failed"
    return run

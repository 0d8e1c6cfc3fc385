"""E-mail against a real local SMTP server (aiosmtpd): the report to the executive list,
new negative feedback to its owner, a failed run to the data team; nothing twice."""

from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from cx_pipeline.config import load_settings
from cx_pipeline.defs.mail.assets import cx_report_email, negative_feedback_alerts
from cx_pipeline.defs.mail.sensors import run_failure_email
from cx_pipeline.defs.resources import CxSettings, MailResource
from cx_pipeline.mail import Ledger
from tests.conftest import PipelineRun, SmtpServer, write_config


def test_the_finished_report_arrives_with_the_pdf_attached(
    tiny_run: PipelineRun, smtp_server: SmtpServer
) -> None:
    (message,) = smtp_server.inbox.to("board@example.com")
    (pdf,) = tiny_run.settings.paths.reports.glob("cx_report_*.pdf")
    period = pdf.stem.removeprefix("cx_report_")
    assert message["Subject"] == f"Demo Oy: asiakaskokemusraportti {period}"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == pdf.name
    assert attachment.get_content() == pdf.read_bytes()
    # Once per period: the run recorded it, so the same month is not sent again.
    ledger = Ledger(tiny_run.settings.paths.state / "report_deliveries.json").load()
    assert any(key.startswith(f"report:{period}:fi:") for key in ledger)


# Open negative answers at the data horizon: hours since answering decide what is news.
ANSWERS = [
    # answer_id, survey, score, scale, answered_at (UTC), age_hours, customer, segment
    ("a1", "Support CSAT", 1, 5, datetime(2026, 10, 30, 8, 0), 40.0, "k1aaaaaaaaaa", "B2C"),
    ("a2", "NPS", 3, 10, datetime(2026, 10, 31, 9, 30), 14.5, "k2bbbbbbbbbb", "B2B"),
    ("a3", "NPS", 2, 10, datetime(2026, 10, 20, 9, 0), 280.0, "k3cccccccccc", "B2C"),  # old
    ("a4", "CES", 1, 7, datetime(2026, 10, 31, 12, 0), 12.0, None, None),
]


def _alert_setup(root: Path, smtp: dict) -> Path:
    warehouse = root / "warehouse" / "cx.duckdb"
    warehouse.parent.mkdir(parents=True)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            """create table fct_negative_feedback (answer_id varchar, survey_name varchar,
               score integer, scale_max integer, answered_at timestamp, age_hours double,
               customer_key varchar, customer_segment varchar, follow_up_status varchar)"""
        )
        con.executemany(
            "insert into fct_negative_feedback values (?, ?, ?, ?, ?, ?, ?, ?, 'open')", ANSWERS
        )
        # A followed-up answer is no news either.
        con.execute(
            "insert into fct_negative_feedback values ('a5', 'NPS', 0, 10, "
            "'2026-10-31 10:00', 13, 'k1aaaaaaaaaa', 'B2C', 'followed_up')"
        )
        con.execute(
            """create table dim_customers as select * from (values
               ('k1aaaaaaaaaa', 1001, 'anna@example.com'),
               ('k2bbbbbbbbbb', 1002, 'ben@example.com')
            ) as c (customer_key, crm_contact_id, email)"""
        )
    return write_config(
        root,
        report={"language": "en"},
        smtp=smtp,
        alerts={
            "negative_feedback_owners": {"B2B": "kam@example.com", "default": "cx@example.com"}
        },
    )


def _alert(config: Path) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [negative_feedback_alerts],
        resources={"cx": CxSettings(config_file=str(config)), "mailer": MailResource()},
        raise_on_error=False,
    )


def test_new_negative_feedback_reaches_its_owner_once(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    config = _alert_setup(tmp_path, smtp_server.settings())
    assert _alert(config).success

    # The B2B answer goes to the key-account manager, the others to the default owner;
    # the 280-hour-old answer is backlog, not news, and the followed-up one is done.
    (kam,) = smtp_server.inbox.to("kam@example.com")
    assert kam["Subject"] == "New negative feedback: 1 answers wait for a follow-up"
    assert "- NPS: 3/10, 2026-10-31 11:30, B2B, reference k2bbbbbb, CRM contact 1002" in str(
        kam.get_content()
    )
    (team,) = smtp_server.inbox.to("cx@example.com")
    body = team.get_content()
    assert (
        "- Support CSAT: 1/5, 2026-10-30 10:00, B2C, reference k1aaaaaa, CRM contact 1001" in body
    )
    assert "- CES: 1/7, 2026-10-31 14:00, -, reference -" in body
    assert "k3cccccc" not in body and "@example.com" not in body  # no customer e-mail

    # A re-run sends nothing new.
    before = len(smtp_server.inbox.messages)
    result = _alert(config)
    assert result.success and len(smtp_server.inbox.messages) == before
    (materialization,) = result.asset_materializations_for_node("negative_feedback_alerts")
    assert materialization.metadata["emails"].value == 0


def test_a_failed_send_keeps_the_answers_for_the_next_run(tmp_path: Path) -> None:
    with __import__("socket").socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    smtp = {"host": "127.0.0.1", "port": closed_port, "security": "none", "sender": "cx@test.fi"}
    config = _alert_setup(tmp_path, smtp)
    result = _alert(config)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert f"127.0.0.1:{closed_port}" in str(failure.step_failure_data.error)
    assert not (load_settings(config).paths.state / "feedback_alerts.json").exists()


def test_a_failed_run_is_reported_by_e_mail(tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = write_config(
        tmp_path,
        report={"language": "en"},
        smtp=smtp_server.settings(),
        alerts={"run_failure_to": ["data@example.com"]},
    )

    @dg.asset
    def broken_extract() -> None:
        raise RuntimeError("the helpdesk export could not be read")

    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize([broken_extract], instance=instance, raise_on_error=False)
    run = instance.get_run_by_id(result.run_id)
    failure = next(e for e in result.all_events if e.event_type == dg.DagsterEventType.RUN_FAILURE)
    context = dg.build_run_status_sensor_context(
        sensor_name="run_failure_email",
        dagster_instance=instance,
        dagster_run=run,
        dagster_event=failure,
        resources={"cx": CxSettings(config_file=str(config)), "mailer": MailResource()},
    ).for_run_failure()
    run_failure_email(context)

    (message,) = smtp_server.inbox.to("data@example.com")
    assert message["Subject"] == f"cx-pipeline: run of {run.job_name} failed"
    body = message.get_content()
    assert f"run: {run.run_id}" in body and "failed steps: broken_extract" in body
    assert "the helpdesk export could not be read" in body


@pytest.mark.parametrize(
    ("smtp", "message"),
    [
        ({"host": "mail.example.com", "security": "none", "username": "cx"}, "unencrypted"),
        ({"host": "mail.example.com", "security": "tls"}, "smtp.security must be one of"),
    ],
)
def test_no_password_without_tls(tmp_path: Path, smtp: dict, message: str) -> None:
    from cx_pipeline.config import ConfigError

    with pytest.raises(ConfigError, match=message):
        load_settings(write_config(tmp_path, smtp=smtp))


def test_the_report_asset_without_delivery_settings_sends_nothing(tmp_path: Path) -> None:
    result = dg.materialize(
        [cx_report_email],
        resources={
            "cx": CxSettings(config_file=str(write_config(tmp_path))),
            "mailer": MailResource(),
        },
    )
    (materialization,) = result.asset_materializations_for_node("cx_report_email")
    assert materialization.metadata["emails"].value == 0

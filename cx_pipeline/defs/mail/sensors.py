"""A failed run e-mails alerts.run_failure_to: job, run, failed steps and the error."""

from typing import Any

import dagster as dg

from cx_pipeline import mail
from cx_pipeline.defs.resources import CxSettings, MailResource


def _root_cause(error: Any) -> str:  # a dagster SerializableErrorInfo
    """The innermost error's message: Dagster wraps the user's exception."""
    while error.cause is not None:
        error = error.cause
    return error.message.strip()


@dg.run_failure_sensor(
    name="run_failure_email",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="E-mails alerts.run_failure_to when a run fails.",
)
def run_failure_email(
    context: dg.RunFailureSensorContext, cx: CxSettings, mailer: MailResource
) -> None:
    settings = cx.load()
    if not settings.alerts.run_failure_to or not settings.smtp.host:
        context.log.info("no alerts.run_failure_to or no smtp.host configured: nothing sent")
        return
    failures = context.get_step_failure_events()
    failed_steps = [event.step_key for event in failures if event.step_key]
    errors = [
        f"{event.step_key}: {_root_cause(event.step_failure_data.error)}"
        for event in failures
        if event.step_failure_data.error is not None
    ]
    message = mail.run_failure_email(
        settings.alerts.run_failure_to,
        sender=settings.smtp.sender,
        job=context.dagster_run.job_name,
        run_id=context.dagster_run.run_id,
        failed_steps=failed_steps,
        error="\n".join(errors) or context.failure_event.message or "",
        language=settings.report.language,
    )
    mail.send(settings.smtp, mailer.smtp_password, [message])

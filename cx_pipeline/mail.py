"""E-mail: the messages cx-pipeline sends (pure builders), the SMTP transport, and a
ledger of what was sent so a re-run sends nothing twice.

TLS verifies the server's certificate, and the password is sent only over TLS (the
settings refuse a username without TLS except to localhost). Messages carry no secrets.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cx_pipeline.config import SmtpSettings

TEXTS = {
    "fi": {
        "feedback_subject": "Uutta kielteistä palautetta: {count} vastausta odottaa yhteydenottoa",
        "feedback_intro": (
            "Nämä asiakkaat antoivat kielteisen arvion, eikä kukaan ole vielä ottanut heihin "
            "yhteyttä. Tavoite on reagoida 48 tunnin kuluessa."
        ),
        "feedback_line": (
            "- {survey}: {score}/{scale}, {answered_at}, {segment}, tunniste {reference}{contact}"
        ),
        "crm_contact": ", CRM-kontakti {id}",
        "email": ", {email}",
        "report_subject": "{company}: asiakaskokemusraportti {period}",
        "report_body": "Liitteenä asiakaskokemusraportti ajalta {period}.",
        "failure_subject": "cx-pipeline: ajo {job} epäonnistui",
    },
    "en": {
        "feedback_subject": "New negative feedback: {count} answers wait for a follow-up",
        "feedback_intro": (
            "These customers gave a negative rating and nobody has contacted them yet. The "
            "target is to react within 48 hours."
        ),
        "feedback_line": (
            "- {survey}: {score}/{scale}, {answered_at}, {segment}, reference {reference}{contact}"
        ),
        "crm_contact": ", CRM contact {id}",
        "email": ", {email}",
        "report_subject": "{company}: customer experience report {period}",
        "report_body": "The customer experience report for {period} is attached.",
        "failure_subject": "cx-pipeline: run of {job} failed",
    },
}
REFERENCE_LENGTH = 8


class MailError(RuntimeError):
    """Sending failed; the message names the SMTP server, never a credential."""


def _message(sender: str, to: Sequence[str], subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    return message


def route_owner(answer: Mapping[str, Any], owners: Mapping[str, str]) -> str | None:
    """The owner of an answer: by customer segment, else by survey, else the default."""
    for key in (answer.get("customer_segment"), answer.get("survey_name"), "default"):
        if key in owners:
            return owners[key]
    return None


def feedback_alert(
    owner: str,
    answers: Sequence[Mapping[str, Any]],
    *,
    sender: str,
    language: str,
    timezone: str,
) -> EmailMessage:
    """One e-mail listing an owner's new negative answers, oldest first."""
    texts = TEXTS[language]
    lines = []
    for answer in sorted(answers, key=lambda a: (a["answered_at"], str(a["answer_id"]))):
        answered = answer["answered_at"].replace(tzinfo=ZoneInfo("UTC"))
        contact = ""
        if answer.get("crm_contact_id") is not None:
            contact += texts["crm_contact"].format(id=int(answer["crm_contact_id"]))
        if answer.get("email"):
            contact += texts["email"].format(email=answer["email"])
        lines.append(
            texts["feedback_line"].format(
                survey=answer["survey_name"],
                score=int(answer["score"]),
                scale=int(answer["scale_max"]),
                answered_at=answered.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M"),
                segment=answer.get("customer_segment") or "-",
                reference=str(answer.get("customer_key") or "-")[:REFERENCE_LENGTH],
                contact=contact,
            )
        )
    body = texts["feedback_intro"] + "\n\n" + "\n".join(lines) + "\n"
    subject = texts["feedback_subject"].format(count=len(answers))
    return _message(sender, [owner], subject, body)


def report_email(
    recipients: Sequence[str],
    pdf: Path,
    *,
    sender: str,
    company: str,
    period: str,
    language: str,
) -> EmailMessage:
    texts = TEXTS[language]
    message = _message(
        sender,
        recipients,
        texts["report_subject"].format(company=company, period=period),
        texts["report_body"].format(period=period) + "\n",
    )
    message.add_attachment(
        pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name
    )
    return message


def run_failure_email(
    recipients: Sequence[str],
    *,
    sender: str,
    job: str,
    run_id: str,
    failed_steps: Sequence[str],
    error: str,
    language: str = "en",
) -> EmailMessage:
    """The failed job, run and steps, and the first lines of the error."""
    first_lines = "\n".join(error.strip().splitlines()[:12])
    body = (
        f"job: {job}\nrun: {run_id}\nfailed steps: {', '.join(failed_steps) or '-'}\n\n"
        f"{first_lines}\n"
    )
    return _message(sender, recipients, TEXTS[language]["failure_subject"].format(job=job), body)


def send(smtp: SmtpSettings, password: str | None, messages: Iterable[EmailMessage]) -> int:
    """Send `messages` over one connection; returns how many were sent."""
    messages = list(messages)
    if not messages:
        return 0
    context = ssl.create_default_context()
    try:
        if smtp.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, smtp.port, context=context, timeout=30
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=30)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.username:
                client.login(smtp.username, password or "")
            for message in messages:
                client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"sending e-mail through {smtp.host}:{smtp.port} failed: {type(exc).__name__}: {exc}"
        ) from exc
    return len(messages)


@dataclass(frozen=True)
class Ledger:
    """Keys of what was sent, in a JSON file written atomically."""

    path: Path

    def load(self) -> set[str]:
        if not self.path.exists():
            return set()
        return set(json.loads(self.path.read_text(encoding="utf-8")))

    def add(self, keys: Iterable[str]) -> None:
        keys = self.load() | set(keys)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(sorted(keys), handle, indent=0)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def answered_key(answer: Mapping[str, Any]) -> str:
    return f"answer:{answer['answer_id']}"


def report_key(period: str, language: str, recipients: Sequence[str]) -> str:
    return f"report:{period}:{language}:{','.join(sorted(recipients))}"


def is_recent(answer: Mapping[str, Any], hours: float) -> bool:
    return float(answer["age_hours"]) <= hours

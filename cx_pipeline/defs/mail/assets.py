"""E-mail after each run: new negative feedback to its owner, the finished PDF to the
executive list. Each sends only what was not sent before (a ledger under paths.state),
and records it only after the server accepted it, so a failed send is retried next run."""

from pathlib import Path

import dagster as dg

from cx_pipeline import mail
from cx_pipeline.defs.resources import CxSettings, MailResource
from cx_pipeline.warehouse_readers import WarehouseReader, warehouse_reader

# Answers younger than this at the data horizon are news; older ones are the report's
# backlog, and a first run must not flood an inbox with them.
NEW_WITHIN_HOURS = 48


def _open_answers(warehouse: WarehouseReader, include_personal_data: bool) -> list[dict]:
    email = "customers.email" if include_personal_data else "cast(null as varchar)"
    with warehouse.connect() as con:
        frame = con.execute(
            f"""
            select feedback.answer_id, feedback.survey_name, feedback.score,
                feedback.scale_max, feedback.answered_at, feedback.age_hours,
                feedback.customer_key, feedback.customer_segment,
                customers.crm_contact_id, {email} as email
            from main.fct_negative_feedback as feedback
            left join main.dim_customers as customers
                on feedback.customer_key = customers.customer_key
            where feedback.follow_up_status = 'open'
            order by feedback.answered_at, feedback.answer_id
            """
        ).df()
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@dg.asset(
    group_name="alerts",
    deps=[dg.AssetKey("fct_negative_feedback"), dg.AssetKey("dim_customers")],
    kinds={"email"},
    owners=["team:cx-analytics"],
    description=(
        "E-mails each owner (alerts.negative_feedback_owners, by customer segment, survey or "
        "default) the negative answers that arrived within 48 hours of the data horizon, are "
        "still without a follow-up and were not alerted before."
    ),
)
def negative_feedback_alerts(
    context: dg.AssetExecutionContext, cx: CxSettings, mailer: MailResource
) -> dg.MaterializeResult:
    settings = cx.load()
    owners = settings.alerts.negative_feedback_owners
    if not owners or not settings.smtp.host:
        context.log.info("no feedback owners or no smtp.host configured: nothing sent")
        return dg.MaterializeResult(metadata={"new_answers": 0, "emails": 0})
    ledger = mail.Ledger(settings.paths.state / "feedback_alerts.json")
    sent = ledger.load()
    answers = [
        a
        for a in _open_answers(warehouse_reader(settings), settings.report.include_personal_data)
        if mail.is_recent(a, NEW_WITHIN_HOURS) and mail.answered_key(a) not in sent
    ]
    by_owner: dict[str, list[dict]] = {}
    for answer in answers:
        owner = mail.route_owner(answer, owners)
        if owner is None:
            context.log.warning(f"no owner for a {answer['survey_name']} answer: not alerted")
            continue
        by_owner.setdefault(owner, []).append(answer)
    messages = [
        mail.feedback_alert(
            owner,
            owner_answers,
            sender=settings.smtp.sender,
            language=settings.report.language,
            timezone=settings.timezone,
        )
        for owner, owner_answers in sorted(by_owner.items())
    ]
    emails = mail.send(settings.smtp, mailer.smtp_password, messages)
    ledger.add(mail.answered_key(a) for owned in by_owner.values() for a in owned)
    return dg.MaterializeResult(
        metadata={
            "new_answers": sum(len(owned) for owned in by_owner.values()),
            "emails": emails,
            "owners": ", ".join(sorted(by_owner)) or "-",
        }
    )


@dg.asset(
    group_name="report",
    deps=[dg.AssetKey("cx_report_pdf")],
    kinds={"email"},
    owners=["team:cx-analytics"],
    description=(
        "E-mails the finished PDF to alerts.report_to, once per report period and language: "
        "a nightly re-render of the same month does not reach the board every night."
    ),
)
def cx_report_email(
    context: dg.AssetExecutionContext, cx: CxSettings, mailer: MailResource
) -> dg.MaterializeResult:
    settings = cx.load()
    recipients = settings.alerts.report_to
    if not recipients or not settings.smtp.host:
        context.log.info("no alerts.report_to or no smtp.host configured: nothing sent")
        return dg.MaterializeResult(metadata={"emails": 0})
    record = context.instance.get_latest_materialization_event(dg.AssetKey("cx_report_pdf"))
    if record is None or record.asset_materialization is None:
        raise dg.Failure("no cx_report_pdf materialization to send")
    metadata = record.asset_materialization.metadata
    pdf = metadata["path"].value
    period, language = metadata["period"].value, metadata["language"].value
    ledger = mail.Ledger(settings.paths.state / "report_deliveries.json")
    key = mail.report_key(period, language, recipients)
    if key in ledger.load():
        context.log.info(f"the {period} report ({language}) was sent already")
        return dg.MaterializeResult(metadata={"emails": 0, "period": period})
    message = mail.report_email(
        recipients,
        Path(pdf),
        sender=settings.smtp.sender,
        company=settings.report.company_name,
        period=period,
        language=language,
    )
    mail.send(settings.smtp, mailer.smtp_password, [message])
    ledger.add([key])
    return dg.MaterializeResult(
        metadata={"emails": 1, "period": period, "recipients": len(recipients)}
    )

import pytest

from cx_pipeline.defs.dbt.translator import group_for


@pytest.mark.parametrize(
    ("fqn", "resource_type", "group"),
    [
        (["cx_pipeline", "staging", "crm", "stg_crm__contacts"], "model", "staging"),
        (["cx_pipeline", "intermediate", "int_customer_identities"], "model", "intermediate"),
        (["cx_pipeline", "marts", "core", "fct_tickets"], "model", "core"),
        (["cx_pipeline", "marts", "usage", "metrics_ticket_handling"], "model", "usage"),
        (["cx_pipeline", "marts", "prediction", "metrics_nps"], "model", "prediction"),
        (["cx_pipeline", "marts", "fct_cx_metrics"], "model", "metrics"),
        (["cx_pipeline", "marts", "feedback", "metrics_feedback_themes"], "model", "feedback"),
        (["cx_pipeline", "metric_catalog"], "seed", "catalog"),
    ],
)
def test_groups_follow_layer_and_journey_stage(
    fqn: list[str], resource_type: str, group: str
) -> None:
    assert group_for(fqn, resource_type) == group

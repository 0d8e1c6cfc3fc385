"""The catalog's dbt docs page is generated from the seed and must stay in step with it."""

from pathlib import Path

from cx_pipeline.catalog_docs import CATALOG_DOC, STAGES, catalog_doc, read_catalog


def test_generated_doc_matches_the_seed() -> None:
    assert CATALOG_DOC.read_text(encoding="utf-8") == catalog_doc(read_catalog()), (
        "seeds/metric_catalog.md is stale: run `cx-pipeline catalog-docs`"
    )


def test_every_stage_and_metric_is_listed(tmp_path: Path) -> None:
    csv_path = tmp_path / "catalog.csv"
    header = (
        "metric_name,journey_stage,label_en,label_fi,formula_en,formula_fi,unit,direction,"
        "target,min_sample,anchor_event,additivity,window_days,headline_order\n"
    )
    csv_path.write_text(
        header + 'nps,prediction,NPS,Suositteluindeksi,"% promoters | detractors",x,points,'
        "higher_is_better,30,30,answer date,non_additive,0,1\n"
        + "orders,purchase,Orders,Tilaukset,count,x,count,higher_is_better,,0,order date,"
        "additive,0,0\n",
        encoding="utf-8",
    )
    doc = catalog_doc(read_catalog(csv_path))
    assert doc.startswith("{% docs metric_catalog %}") and doc.rstrip().endswith("{% enddocs %}")
    # Stages come in journey order whatever the row order, and empty stages are left out.
    assert doc.index("### Purchase") < doc.index("### Prediction")
    assert "### Usage" not in doc and "### Perception" not in doc
    # A pipe inside a formula would split the markdown cell; it is escaped.
    assert "| nps | NPS | Suositteluindeksi | % promoters \\| detractors | points | higher |" in doc
    assert "| orders | Orders | Tilaukset | count | count | higher |  | 0 |" in doc
    assert len(STAGES) == 4

"""Findings-matrix shaping and its figure builder."""

from __future__ import annotations

from components.charts.matrix_chart import LINE_PX, ROW_PAD_PX, matrix_figure, matrix_summary
from imos.teaching import matrix


def test_matrix_has_one_cell_per_case_and_finding(series):
    cells = matrix.findings_matrix(series)
    assert len(cells) == len(series.cases) * len(series.catalogue.findings)
    assert set(cells["symbol"]) == {"+", "−", "?"}
    not_assessed = cells[cells["value"] == "not_assessed"]
    assert (not_assessed["symbol"] == "?").all()


def test_a_finding_a_case_does_not_list_is_a_question_mark(series):
    import dataclasses

    kept = series.findings[~((series.findings["case_id"] == "2")
                             & (series.findings["finding_id"] == "nidus"))]
    cells = matrix.findings_matrix(dataclasses.replace(series, findings=kept))
    assert len(cells) == len(series.cases) * len(series.catalogue.findings)
    cell = cells.set_index(["case_id", "finding_id"]).loc[("2", "nidus")]
    assert (cell["symbol"], cell["value"]) == ("?", "not_assessed")
    assert cell["wording"] == "not reported"
    assert matrix_figure(cells).data  # the chart draws the filled cell


def test_cells_touched_by_a_discrepancy_carry_both_readings(series):
    cells = matrix.findings_matrix(series).set_index(["case_id", "finding_id"])
    blood_pool = cells.loc[("3", "bone_scan_blood_pool_slight")]
    assert blood_pool["has_discrepancy"]
    assert "no evidence" in blood_pool["discrepancy"] and "slightly" in blood_pool["discrepancy"]
    assert not cells.loc[("2", "nidus")]["has_discrepancy"]


def test_a_note_that_leaves_the_value_alone_does_not_mark_it_disputed(series):
    cells = matrix.findings_matrix(series).set_index(["case_id", "finding_id"])
    sex = cells.loc[("1", "female_sex")]  # a man, against the paper's 'female predominance'
    assert not sex["has_discrepancy"] and "essential" in sex["discrepancy"].lower()
    assert "†" not in matrix.wide_matrix(matrix.findings_matrix(series)).set_index(
        "finding").loc[sex["label"], "Case 1"]


def test_filters_by_group_and_case(series):
    cells = matrix.findings_matrix(series, groups=["triphasic_flow"], cases=["1", "3"])
    assert set(cells["case_id"]) == {"1", "3"}
    assert set(cells["finding_id"]) == {"bone_scan_flow_increased"}


def test_triphasic_phases_done_only_in_cases_2_and_3(series):
    groups = ["triphasic_flow", "triphasic_blood_pool", "triphasic_delayed"]
    cells = matrix.findings_matrix(series, groups=groups)
    done = cells[cells["value"] != "not_assessed"].groupby("case_id")["group_id"].unique()
    assert "1" not in done.index
    for case_id in ("2", "3"):
        assert set(done[case_id]) == set(groups)


def test_shared_by_all_is_computed(series):
    shared = matrix.shared_by_all(matrix.findings_matrix(series))
    assert "Intramedullary sclerosis †" in shared["present"]  # "massive" in some places only
    assert "Nidus" in shared["absent"] and "Soft-tissue mass" in shared["absent"]
    assert "Female" not in shared["present"] + shared["absent"]
    only_case_1 = matrix.shared_by_all(matrix.findings_matrix(series, cases=["1"]))
    # the "female predominance" note leaves Case 1's sex as it is: no † (issue 25)
    assert "Female" in only_case_1["absent"] and "Female †" not in only_case_1["absent"]


def test_matrix_figure_cells_colours_and_symbols(series):
    cells = matrix.findings_matrix(series)
    fig = matrix_figure(cells)
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    groups = series.catalogue.findings["group_id"].nunique()
    assert len(heatmap.z) == len(series.catalogue.findings) + groups  # a heading row per group
    assert sum(any(v is not None for v in row) for row in heatmap.z) == len(series.catalogue.findings)
    assert all(len(row) == 3 for row in heatmap.z)
    assert fig.layout.yaxis.ticktext[0] == "<b>History and examination</b>"
    texts = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    symbols = "".join("".join(t.text) for t in texts)
    assert symbols.count("?") == int((cells["value"] == "not_assessed").sum())
    assert symbols.count("†") == int(cells["has_discrepancy"].sum())
    hover = " ".join(" ".join(row) for row in heatmap.customdata)
    assert "Source: Fig. 3a caption" in hover
    assert "disagrees" in hover


def test_wide_matrix_and_mri_table(series):
    wide = matrix.wide_matrix(matrix.findings_matrix(series))
    assert list(wide.columns) == ["modality", "finding", "Case 1", "Case 2", "Case 3"]
    assert len(wide) == len(series.catalogue.findings)
    mri = matrix.mri_parameters_table(series)
    assert len(mri) == 6
    assert mri[mri["case"] == "Case 3"]["TE (ms)"].tolist() == [15, 100]


def test_matrix_summary_names_shared_and_flagged_findings(series):
    cells = matrix.findings_matrix(series)
    text = matrix_summary(cells, matrix.shared_by_all(cells))
    assert "Absent in every case shown" in text and "Nidus" in text
    assert "discrepancy" in text


def test_shared_findings_mark_the_ones_the_paper_disputes():
    from imos.data import load_case_series
    from imos.teaching.matrix import findings_matrix, shared_by_all

    shared = shared_by_all(findings_matrix(load_case_series()))
    assert "Cortical thickening †" in shared["present"]
    assert "Nidus" in shared["absent"]


def test_matrix_rows_grow_with_their_wrapped_labels(series):
    """A three-line label gets a taller row than a one-line one: labels never overlap."""
    fig = matrix_figure(matrix.findings_matrix(series))
    edges, labels = list(fig.data[0].y), list(fig.layout.yaxis.ticktext)
    assert len(edges) == len(labels) + 1
    heights = [b - a for a, b in zip(edges, edges[1:])]
    lines = [label.count("<br>") + 1 for label in labels]
    assert max(lines) >= 3  # "Sclerotic thickened trabeculae with fibrous tissue"
    for height, count in zip(heights, lines):
        assert height >= LINE_PX * count + ROW_PAD_PX / 2
    centres = list(fig.layout.yaxis.tickvals)
    assert all(a < c < b for a, c, b in zip(edges, centres, edges[1:]))

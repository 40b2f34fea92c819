"""Review rounds' hand-scored sheets (tests/reviews/, session 66 on): project sheets a reviewer built in a field the
national rules had not seen, each row's claim the score the reviewer gave it by hand under the national rule (its
case file says it was constructed, not transcribed).  Every row the rules in effect score otherwise is listed in
`LEFT`, with why it was left; any other is a misreading that a revision of the readings brought back, or a new one.
The file names start with the review that wrote them (KO: veterans' affairs; KP: drugs, fraud and grass-roots
governance; KQ: commerce, development zones and ports; KR: animal husbandry and veterinary services; KS: ethnic,
religious and overseas Chinese affairs; KT: elderly care, funerals and welfare-lottery funds; KU: trade unions, the
youth league, the women's federation, the Red Cross and the science association; KV: school education)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Engine, load_case, report_loaded

REVIEWS = Path(__file__).resolve().parent / "reviews"

# (file, row name): why the rules' score stands apart from the hand score (national.project@2020.46)
LEFT = {
    ("KO-guangxi-guilin-quanzhou-zhengbing-shuangyong-2024.toml", "涉军维权案件数"):
        "维权 is also the veterans' offices' own work: read higher is better, the reviewer's reading is the evaluator's",
    ("KO-shandong-linyi-yinan-lieshi-guangrongyuan-2024.toml", "烈士墓碑字迹模糊待修缮块数"):
        "字迹模糊 is in no list of harms: the repairs to do are read as work planned",
    ("KS-fujian-quanzhou-anxi-qiaowu-duitai-2024.toml", "对台交流活动取消场次"):
        "取消 also names work (取消不符合条件低保资格人数): what was cancelled is read as work done",
}


@pytest.mark.parametrize("path", sorted(REVIEWS.glob("*.toml")), ids=lambda p: p.name)
def test_the_rows_of_a_review_sheet_score_as_scored_by_hand(library, path):
    case, shown = load_case(path)
    report = report_loaded(case, shown, library, Engine())
    off = {(path.name, line.result.name): (str(line.comparison.claimed), str(line.comparison.computed))
           for sd in report.sheets for line in sd.indicators if line.comparison.status in ("over", "under", "invalid")}
    assert set(off) == {key for key in LEFT if key[0] == path.name}, off
    assert {sd.sheet.rules.id for sd in report.sheets} == {"national.project"}

"""Review rounds' hand-scored sheets (tests/reviews/, session 66 on): project sheets a reviewer built in a field the
national rules had not seen, each row's claim the score the reviewer gave it by hand under the national rule (its
case file says it was constructed, not transcribed).  Every row the rules in effect score otherwise is listed in
`LEFT`, with why it was left; any other is a misreading that a revision of the readings brought back, or a new one.
The file names start with the review that wrote them (KO: veterans' affairs; KP: drugs, fraud and grass-roots
governance; KQ: commerce, development zones and ports; KR: animal husbandry and veterinary services; KS: ethnic,
religious and overseas Chinese affairs; KT: elderly care, funerals and welfare-lottery funds; KU: trade unions, the
youth league, the women's federation, the Red Cross and the science association; KV: school education; KW: party
building and organisation work; KX: statistics, censuses and audits; KY: geological hazards, mines and land; KZ: publicity
and civilisation campaigns; LC: rural toilets, rubbish and sewage; LD: road transport and its enforcement; LE: work
safety and emergency management; LF: crop farming and farm produce safety)."""

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
    ("KX-chongqing-dianjiang-shenji-2024.toml", "审计发现问题屡审屡犯个数"):
        "审计发现 acts on the problems before the harm: a change of the word lists' reach, left",
    ("KX-chongqing-dianjiang-shenji-2024.toml", "审计整改挂账问题数"): "整改 acts on the problems left open on the books",
    ("KY-yunnan-zhaotong-yiliang-dizhizaihai-2023.toml", "新增地质灾害隐患点数"):
        "review GE read the hazard sites higher is better (sites found and watched), KY lower: of unstated direction, warned",
    ("KY-yunnan-zhaotong-yiliang-dizhizaihai-2023.toml", "未销号地质灾害隐患点数"): "likewise, the sites not yet struck off",
    ("LC-henan-xinyang-guangshan-gaice-2023.toml", "厕具损坏未及时维修户数"):
        "未及时 is both a harm and a negation: the work after it read as done on the damage (code)",
    ("LC-henan-xinyang-guangshan-gaice-2023.toml", "未按期整改问题厕所户数"):
        "问题 stands before what is counted (厕所户): joined_heads_undo_work reads the head before 整改 only where the harm follows",
    ("LD-hebei-xingtai-weixian-zhichao-2023.toml", "违法超限车辆"): "no count ends the name: what the harm befell is not read",
    ("LD-shandong-weifang-qingzhou-zhifa-2024.toml", "公路沿线违法建筑"): "likewise",
    ("LF-shandong-dezhou-qihe-nongchanpinzhiliang-2023.toml", "禁用农药检出数"): "检出 is work on what is found (detection)",
    ("KZ-fujian-zhangzhou-changtai-wenmingchengshi-2024.toml", "文明单位摘牌数"): "摘牌 also names work done (隐患摘牌销号数)",
    ("KZ-fujian-zhangzhou-changtai-wenmingchengshi-2024.toml", "志愿服务组织注销数"): "注销 also names work done (注销失效证照)",
    ("KZ-guangxi-hechi-duan-rongmeiti-2023.toml", "违规网络直播间数"):
        "直播 acts on 案件 alone, but the check of work standing between a harm and what it befell does not ask (code)",
    ("KZ-jiangxi-jian-yongxin-wenmingshijian-2024.toml", "志愿服务组织解散数"): "解散 also names work done (解散非法社会组织)",
    ("KZ-jiangxi-jian-yongxin-wenmingshijian-2024.toml", "志愿服务项目中断数"):
        "中断 as a harm would read 恢复中断供水户数 the wrong way (恢复 is no word of work on a harm)",
}


@pytest.mark.parametrize("path", sorted(REVIEWS.glob("*.toml")), ids=lambda p: p.name)
def test_the_rows_of_a_review_sheet_score_as_scored_by_hand(library, path):
    case, shown = load_case(path)
    report = report_loaded(case, shown, library, Engine())
    off = {(path.name, line.result.name): (str(line.comparison.claimed), str(line.comparison.computed))
           for sd in report.sheets for line in sd.indicators if line.comparison.status in ("over", "under", "invalid")}
    assert set(off) == {key for key in LEFT if key[0] == path.name}, off
    assert {sd.sheet.rules.id for sd in report.sheets} == {"national.project"}

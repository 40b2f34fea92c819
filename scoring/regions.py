"""China's provincial-level divisions, as region names are compared: a unit's province that is one
of them is a place, however near another's name it is written (湖北 beside 湖南), and a region typed
on one line without separators may begin with one of them written short (湖南岳阳市汨罗市)."""

from __future__ import annotations

# By the name without its ending (`rules.model.region_key`: 湖南省 is 湖南, 新疆维吾尔自治区 新疆)
PROVINCES = frozenset((
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃",
    "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
    # budgeted at provincial level with a finance bureau of its own, though named after 新疆: its
    # units are not the autonomous region's, however the region is written (review BN A5)
    "新疆生产建设兵团", "新疆建设兵团", "新疆兵团",
))


# Each province-level division's full name, by its name without the ending: what a summary shows
# whichever way a sheet wrote it ("四川" and "四川省" are one place to sort and filter by: review CD B3)
FULL_NAMES = {
    **{name: name + "市" for name in ("北京", "天津", "上海", "重庆")},
    **{name: name + "省" for name in ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
                                      "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾")},
    "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区", "澳门": "澳门特别行政区",
    "新疆生产建设兵团": "新疆生产建设兵团", "新疆建设兵团": "新疆生产建设兵团", "新疆兵团": "新疆生产建设兵团",
}

# A province-level division a unit's name says it belongs to when it opens so, under the province its
# sheet prints: "兵团第八师…", "第八师石河子市…" under "新疆" are the 兵团's (review DE B3); "第一师范学院" is
# no 师 of it (review DF A5).
UNITS_WITHIN = {"新疆": (r"兵团|第[一二三四五六七八九十]{1,3}师(?!范)", "新疆生产建设兵团")}

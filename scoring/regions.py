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

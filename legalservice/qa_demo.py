"""Demo entries of the legal Q&A library (法律问答): common questions a justice bureau answers,
each with the statute it rests on and the words people use for it, published and kept by the
top-level bureau of each demo city, so that the portal's search has something to find.
Registered after the service records (`demo.register(87, …)`); saved one by one so that each
entry's words reach the full-text index (legalservice.qa_search)."""

from __future__ import annotations

from core import demo
from legalservice import qa_search
from legalservice.choices import MatterKind
from legalservice.models import QaEntry

ENTRIES = (
    (
        "用人单位拖欠工资怎么办",
        MatterKind.LABOUR,
        "先与用人单位协商；协商不成的，可以向劳动保障监察机构投诉，也可以向劳动争议仲裁委员会申请仲裁。"
        "用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令。",
        "《中华人民共和国劳动合同法》第三十条、第八十五条；《中华人民共和国劳动争议调解仲裁法》第五条",
        "欠薪 讨薪 老板 工钱 薪水",
    ),
    (
        "没有签劳动合同，能要求双倍工资吗",
        MatterKind.LABOUR,
        "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。",
        "《中华人民共和国劳动合同法》第八十二条",
        "劳动合同 双倍工资 二倍工资 没签合同",
    ),
    (
        "离婚后孩子的抚养权归谁",
        MatterKind.MARRIAGE_FAMILY,
        "不满两周岁的子女，以由母亲直接抚养为原则。已满两周岁的子女，父母双方对抚养问题协议不成的，由人民法院"
        "按照最有利于未成年子女的原则判决；子女已满八周岁的，应当尊重其真实意愿。",
        "《中华人民共和国民法典》第一千零八十四条",
        "离婚 孩子 抚养费 监护",
    ),
    (
        "别人借钱不还怎么办",
        MatterKind.LOAN,
        "保留借条、转账记录、聊天记录等证据，先催告协商，也可以申请人民调解；协商不成的，可以向人民法院起诉。"
        "向人民法院请求保护民事权利的诉讼时效期间为三年，自知道或者应当知道权利受到损害以及义务人之日起计算。",
        "《中华人民共和国民法典》第一百八十八条",
        "欠钱 欠款 借条 老赖 追债",
    ),
    (
        "房东不退租房押金怎么办",
        MatterKind.CONTRACT,
        "押金是否退还、怎样扣减，以租赁合同的约定为准；当事人应当按照约定全面履行自己的义务。可以先与出租人协商，"
        "也可以申请人民调解，协商调解不成的，可以向人民法院起诉。",
        "《中华人民共和国民法典》第五百零九条",
        "押金 租房 房东 租赁",
    ),
    (
        "对行政处罚决定不服怎么办",
        MatterKind.ADMINISTRATIVE,
        "可以自知道该处罚决定之日起六十日内申请行政复议，也可以自知道之日起六个月内直接向人民法院提起行政诉讼"
        "（法律规定应当先申请行政复议的除外）。",
        "《中华人民共和国行政复议法》第二十条；《中华人民共和国行政诉讼法》第四十六条",
        "罚款 处罚 复议 起诉 不服",
    ),
    (
        "邻里纠纷可以找谁调解",
        MatterKind.OTHER,
        "可以向所在村（居）民委员会、街道的人民调解委员会申请调解。人民调解不收取任何费用；调解达成的协议具有"
        "法律约束力，双方可以自协议生效之日起三十日内共同向人民法院申请司法确认。",
        "《中华人民共和国人民调解法》第四条、第十七条、第三十三条",
        "邻居 噪音 漏水 吵架 调解",
    ),
    (
        "哪些人可以申请法律援助",
        MatterKind.OTHER,
        "因经济困难没有委托代理人的，可以就请求支付劳动报酬、给予社会保险待遇、请求给付赡养费抚养费扶养费等事项"
        "申请法律援助；农民工请求支付劳动报酬等情形免予核查经济困难状况。",
        "《中华人民共和国法律援助法》第三十一条、第四十二条",
        "免费律师 请不起律师 法律援助",
    ),
    (
        "交通事故受伤，赔偿找谁",
        MatterKind.TORT,
        "机动车发生交通事故造成损害，属于该机动车一方责任的，先由承保机动车强制保险的保险人在强制保险责任限额"
        "范围内赔偿；不足部分，由商业保险赔偿；仍然不足或者没有投保的，由侵权人赔偿。",
        "《中华人民共和国民法典》第一千二百一十三条",
        "车祸 撞车 交通事故 赔偿 保险",
    ),
)


def build(world: demo.DemoWorld) -> None:
    tops = [b for b in world.bureaus.values() if b.parent_id is None]
    for bureau in sorted(tops, key=lambda b: b.region_id):
        for question, kind, answer, basis, keywords in ENTRIES:
            QaEntry(
                question=question, answer=answer, legal_basis=basis, matter_kind=kind,
                keywords=keywords, published=True, organization=bureau,
            ).save()  # fmt: skip


demo.register(87, "legalservice_qa", build)
# `fazhi demo --reset` empties the entries; the SQLite FTS5 table of their words goes too.
demo.on_reset(qa_search.clear_index)

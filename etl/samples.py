"""Deterministic generator of SAMPLE records (invented SMEs and illustrative projects).

    python -m etl samples [--out data/seed] [--seed 2016]

Public data name the large employers of a member city, rarely its SMEs; the dashboard's matching
and sector views need SMEs to show what they do. This generator invents them, plausibly and
reproducibly (same seed, same files), and flags every record ``is_sample = true``: the app marks
them wherever they appear. It writes ``companies_sample.csv`` and ``projects_sample.csv`` beside
the real files of the source folder; they follow the import contract like any city's delivery.

What makes them plausible:
- each company's NACE class lies in one of its city's declared strengths (or, where a city
  declares none, in the alliance's common manufacturing divisions);
- sizes follow an SME-heavy distribution (EU classes: about 25 % micro, 40 % small, 28 % medium,
  7 % large);
- German names are German, Chinese names are Chinese (with a pinyin transliteration in ``name``);
- what a company seeks points at a division the other country's members are strong in;
- sample projects join a Chinese and a German member whose strengths overlap in the project's sector.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

from etl.contract.paths import REFERENCE_DIR, SEED_DIR

COMPANY_COLUMNS = ["company_id", "name", "name_zh", "city_id", "sector", "employees", "founded", "offers", "seeks",
                   "offer_sectors", "seek_sectors", "source", "is_sample"]
PROJECT_COLUMNS = ["project_id", "title", "cn_city_id", "de_city_id", "direction", "status", "sector", "kind",
                   "company_ids", "volume_eur_m", "jobs", "start_date", "description", "source", "is_sample"]

FOCUS_CITY = "mainz"
FOCUS_COMPANIES = 45
COMPANIES_PER_CITY = 8
SAMPLE_PROJECTS = 45
DEFAULT_DIVISIONS = ("25", "28", "22", "27", "62")  # for cities without declared strengths
NOT_MEMBERS = ("osnabrueck", "darmstadt")  # in the data, but not (yet) members

SIZE_CLASSES = ((0.25, 2, 9), (0.40, 10, 49), (0.28, 50, 249), (0.07, 250, 1500))

GERMAN_SURNAMES = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                   "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun",
                   "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Maier",
                   "Seidel", "Brandt", "Haas", "Vogel", "Jung", "Roth", "Sommer", "Berger", "Frank", "Lorenz")
GERMAN_LEGAL = ("GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "KG", "AG", "e.K.")
# Brand syllables (pinyin, hanzi), as Chinese SMEs name themselves.
CHINESE_BRANDS = (("Hua", "华"), ("Rui", "锐"), ("Xin", "鑫"), ("Tai", "泰"), ("Heng", "恒"), ("Da", "达"),
                  ("Sheng", "盛"), ("Yuan", "源"), ("Kai", "凯"), ("Long", "隆"), ("Jin", "金"), ("Feng", "丰"),
                  ("Hong", "宏"), ("Cheng", "诚"), ("Mei", "美"), ("An", "安"), ("Bo", "博"), ("Tong", "通"),
                  ("Ding", "鼎"), ("Yi", "亿"), ("Chuang", "创"), ("Zhi", "智"), ("Wei", "威"), ("Guang", "光"))

# Per NACE division: a German name word, and a Chinese industry word with its English rendering.
INDUSTRY_WORDS: dict[str, tuple[str, str, str]] = {
    "10": ("Feinkost", "食品", "Food"), "11": ("Getränke", "饮品", "Beverage"), "13": ("Textil", "纺织", "Textile"),
    "14": ("Moden", "服饰", "Apparel"), "15": ("Lederwaren", "皮革", "Leather"), "16": ("Holzbau", "木业", "Wood"),
    "17": ("Papier", "纸业", "Paper"), "18": ("Druck", "印刷", "Printing"),
    "19": ("Mineralöl", "石化", "Petrochemical"),
    "20": ("Chemie", "化工", "Chemical"), "21": ("Pharma", "医药", "Pharmaceutical"),
    "22": ("Kunststofftechnik", "塑胶", "Plastics"), "23": ("Keramik", "陶瓷", "Ceramics"),
    "24": ("Metallwerk", "金属材料", "Metal Materials"), "25": ("Präzisionsteile", "精密五金", "Precision Hardware"),
    "26": ("Elektronik", "电子", "Electronics"), "27": ("Elektrotechnik", "电器", "Electric Appliance"),
    "28": ("Maschinenbau", "精密机械", "Precision Machinery"), "29": ("Fahrzeugtechnik", "汽车零部件", "Auto Parts"),
    "30": ("Schienentechnik", "轨道装备", "Rail Equipment"), "31": ("Möbelwerk", "家具", "Furniture"),
    "32": ("Medizintechnik", "医疗器械", "Medical Devices"),
    "33": ("Industrieservice", "设备维修", "Equipment Service"),
    "35": ("Energietechnik", "新能源", "New Energy"), "49": ("Transporte", "运输", "Transport"),
    "52": ("Logistik", "物流", "Logistics"), "58": ("Verlag", "出版", "Publishing"), "59": ("Filmproduktion", "影视",
                                                                                        "Film"),
    "60": ("Medien", "传媒", "Media"), "62": ("Software", "软件", "Software"), "63": ("Datenservice", "数据", "Data"),
    "71": ("Ingenieurbüro", "工程技术", "Engineering"), "72": ("Forschungslabor", "生物科技", "Biotech"),
    "82": ("Messeservice", "会展", "Exhibition"),
}
GENERIC_WORDS = ("Technik", "实业", "Industrial")

PROJECT_KINDS = ("Joint Venture", "Liefervereinbarung", "Technologiepartnerschaft", "Investition",
                 "Forschungskooperation", "Vertriebskooperation")
STATUS_WEIGHTS = (("idea", 0.15), ("negotiation", 0.2), ("agreed", 0.2), ("implementation", 0.25),
                  ("completed", 0.15), ("cancelled", 0.05))


@dataclass(frozen=True)
class City:
    city_id: str
    name_de: str
    name_zh: str
    country: str
    strengths: tuple[str, ...]
    wishes: tuple[str, ...]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _codes(text: str) -> tuple[str, ...]:
    return tuple(sorted({code.strip()[:2] for code in (text or "").split(";") if code.strip()}))


def load_inputs(
    source: Path,
) -> tuple[list[City], dict[str, list[tuple[str, str, str]]], dict[str, tuple[str, str, str]]]:
    """Member cities, NACE classes per division (code, name de, name en), division names (de, en, zh)."""
    cities = [
        City(r["city_id"], r["name_de"], (r.get("name_zh") or "").removesuffix("市"), r["country"],
             _codes(r.get("strengths", "")), _codes(r.get("wishes", "")))
        for r in _read_csv(source / "cities.csv")
        if r["city_id"] not in NOT_MEMBERS
    ]
    classes: dict[str, list[tuple[str, str, str]]] = {}
    divisions: dict[str, tuple[str, str, str]] = {}
    for r in _read_csv(REFERENCE_DIR / "nace_rev2.csv"):
        if r["level"] == "class":
            classes.setdefault(r["code"][:2], []).append((r["code"], r["name_de"] or r["name_en"], r["name_en"]))
        elif r["level"] == "division":
            divisions[r["code"]] = (r["name_de"], r["name_en"], r["name_zh"])
    return cities, classes, divisions


def _employees(rng: random.Random) -> int:
    draw = rng.random()
    for share, low, high in SIZE_CLASSES:
        if draw < share:
            return int(math.exp(rng.uniform(math.log(low), math.log(high + 1))))
        draw -= share
    return SIZE_CLASSES[-1][2]


def _strong_divisions(cities: list[City], country: str) -> list[str]:
    return sorted({d for c in cities if c.country == country for d in c.strengths})


def _branche_of_division() -> dict[str, str]:
    rows = _read_csv(REFERENCE_DIR / "branchen.csv")
    return {d: r["branche_id"] for r in rows for d in r["nace_divisions"].split(";")}


BRANCHE_OF = _branche_of_division()


def _seek_division(division: str, city: City, partner_strong: list[str], rng: random.Random) -> str:
    """What a company looks for in the other country, in this order of plausibility:
    half the time a partner in its own industry (sales, production, co-production); otherwise the
    city's documented cooperation wishes; otherwise a division of its own Branche the other country
    is strong in (suppliers, complements); otherwise its own industry."""
    if rng.random() < 0.5:
        return division
    if city.wishes:
        return rng.choice(city.wishes)
    related = [d for d in partner_strong if BRANCHE_OF.get(d) == BRANCHE_OF.get(division) and d != division]
    return rng.choice(related) if related else division


def generate_companies(cities: list[City], classes: dict[str, list[tuple[str, str, str]]],
                       divisions: dict[str, tuple[str, str, str]], rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    strong = {country: _strong_divisions(cities, country) for country in ("CN", "DE")}
    for city in cities:
        own = [d for d in (city.strengths or DEFAULT_DIVISIONS) if d in classes]
        partner_country = "DE" if city.country == "CN" else "CN"
        count = FOCUS_COMPANIES if city.city_id == FOCUS_CITY else COMPANIES_PER_CITY
        for n in range(1, count + 1):
            division = rng.choice(own)
            code, class_de, class_en = rng.choice(classes[division])
            seek_division = _seek_division(division, city, strong[partner_country], rng)
            word_de, word_zh, word_en = INDUSTRY_WORDS.get(division, GENERIC_WORDS)
            seek_de, seek_en, seek_zh = divisions[seek_division]
            if city.country == "DE":
                name = f"{rng.choice(GERMAN_SURNAMES)} {word_de} {rng.choice(GERMAN_LEGAL)}"
                name_zh = ""
                offers = rng.choice((class_de, class_de, class_en))
                if seek_division == division:
                    seeks = rng.choice((f"Vertriebs- und Servicepartner in China für: {class_de}",
                                        f"Sales and production partners in China for: {class_en}"))
                else:
                    seeks = rng.choice((f"Zulieferer oder Technologiepartner in China: {seek_de}",
                                        f"Looking for Chinese partners: {seek_en}"))
            else:
                brand = rng.sample(CHINESE_BRANDS, 2)
                name = f"{city.city_id.split('_')[0].title()} {brand[0][0]}{brand[1][0].lower()} {word_en} Co., Ltd."
                name_zh = f"{city.name_zh}{brand[0][1]}{brand[1][1]}{word_zh}有限公司"
                offers = rng.choice((f"{word_zh}产品的研发、生产与销售（{divisions[division][2]}）",
                                     f"Manufacturer: {class_en}"))
                if seek_division == division:
                    seeks = rng.choice((f"寻求德国技术合作伙伴与欧洲市场渠道：{seek_zh}",
                                        f"Seeking German technology partners and EU distribution: {seek_en}"))
                else:
                    seeks = rng.choice((f"寻求德国合作伙伴：{seek_zh}（技术合作、合资）",
                                        f"Sucht deutsche Technologiepartner: {seek_de}"))
            rows.append({
                "company_id": f"s_{city.city_id}_{n:03d}",
                "name": name,
                "name_zh": name_zh,
                "city_id": city.city_id,
                "sector": code,
                "employees": str(_employees(rng)),
                "founded": str(rng.randint(1950 if city.country == "DE" else 1985, 2022)),
                "offers": offers,
                "seeks": seeks,
                "offer_sectors": code,
                "seek_sectors": seek_division,
                "source": "",
                "is_sample": "true",
            })
    return rows


def generate_projects(cities: list[City], companies: list[dict[str, str]], divisions: dict[str, tuple[str, str, str]],
                      rng: random.Random, first_number: int = 1) -> list[dict[str, str]]:
    cn = [c for c in cities if c.country == "CN"]
    de = [c for c in cities if c.country == "DE"]
    by_city_division: dict[tuple[str, str], list[str]] = {}
    for company in companies:
        by_city_division.setdefault((company["city_id"], company["sector"][:2]), []).append(company["company_id"])
    pairs = [(a, b, d) for a in cn for b in de for d in sorted(set(a.strengths) & set(b.strengths) & set(divisions))]
    rows: list[dict[str, str]] = []
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    for n in range(first_number, first_number + SAMPLE_PROJECTS):
        cn_city, de_city, division = rng.choice(pairs)
        kind = rng.choice(PROJECT_KINDS)
        direction = rng.choice(("CN_TO_DE", "DE_TO_CN", "MUTUAL"))
        partners = by_city_division.get((cn_city.city_id, division), [])[:1] + by_city_division.get(
            (de_city.city_id, division), [])[:1]
        rows.append({
            "project_id": f"S-{n:03d}",
            "title": f"{kind} {INDUSTRY_WORDS.get(division, GENERIC_WORDS)[0]} {cn_city.name_de} – {de_city.name_de}",
            "cn_city_id": cn_city.city_id,
            "de_city_id": de_city.city_id,
            "direction": direction,
            "status": rng.choices(statuses, weights)[0],
            "sector": division,
            "kind": kind,
            "company_ids": ";".join(partners),
            "volume_eur_m": f"{math.exp(rng.uniform(math.log(0.2), math.log(60))):.1f}",
            "jobs": str(int(math.exp(rng.uniform(0, math.log(400))))),
            "start_date": f"{rng.randint(2017, 2026)}-{rng.randint(1, 12):02d}-01",
            "description": "Beispielprojekt (fiktiv): zeigt, wie ein Projekt zwischen zwei Mitgliedsstädten erfasst "
                           "wird; keine reale Vereinbarung.",
            "source": "",
            "is_sample": "true",
        })
    return rows


def write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(source: Path = SEED_DIR, out: Path = SEED_DIR, seed: int = 2016) -> tuple[int, int]:
    """Write companies_sample.csv and projects_sample.csv; returns their row counts."""
    rng = random.Random(seed)
    cities, classes, divisions = load_inputs(source)
    companies = generate_companies(cities, classes, divisions, rng)
    projects = generate_projects(cities, companies, divisions, rng)
    out.mkdir(parents=True, exist_ok=True)
    write(out / "companies_sample.csv", COMPANY_COLUMNS, companies)
    write(out / "projects_sample.csv", PROJECT_COLUMNS, projects)
    return len(companies), len(projects)

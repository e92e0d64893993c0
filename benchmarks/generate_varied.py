"""Generate a contract-format source folder of N companies shaped like real deliveries, for benchmarks.

    python -m benchmarks.generate_varied --companies 1000000 --out /tmp/bench-varied-1m

benchmarks/generate_source.py writes one offer and one seek code per company and texts of two words
("Fertigung 28.41"); real deliveries do not look like that. This generator writes the same tables and
columns (cities and memberships: the first 30 real cities of data/seed/, as generate_source.py), but:

- offers and seeks texts recombined from the bundled real companies' descriptions (data/seed/
  companies.csv, split into phrases and words), mixed with German, English and Chinese industry words,
  of varied length (2 to about 40 words);
- 1 to 5 offer codes and 0 to 5 seek codes per company, NACE classes, groups and divisions of every
  section (manufacturing more often), from data/reference/nace_rev2.csv;
- skewed cities: the first city holds a third of all companies, the rest are spread unevenly;
- N/10 projects (100,000 at 1M companies).

Deterministic (a hash of the row number); flagged is_sample. DuckDB writes the CSVs.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from benchmarks import generate_source
from etl.contract.paths import REFERENCE_DIR, SEED_DIR

EXTRA_WORDS = [
    # German
    "Maschinenbau", "Zulieferer", "Automatisierung", "Antriebstechnik", "Sensorik", "Werkzeugmaschinen",
    "Präzisionsteile", "Kunststoffspritzguss", "Elektronik", "Steuerungen", "Medizintechnik", "Logistik",
    "Vertrieb", "Fertigung", "Forschung", "Entwicklung", "Pharma", "Chemie", "Lebensmittel", "Verpackung",
    "Batteriesysteme", "Wasserstoff", "Leichtbau", "Oberflächentechnik", "Gießerei", "Textilien", "Möbel",
    "Keramik", "Software", "Beratung", "Prüftechnik", "Robotik", "Hydraulik", "Pumpen", "Getriebe",
    # English
    "machinery", "supplier", "automation", "drives", "sensors", "precision", "components", "injection",
    "moulding", "electronics", "controls", "medical", "devices", "logistics", "distribution", "manufacturing",
    "research", "development", "pharmaceuticals", "chemicals", "food", "packaging", "batteries", "hydrogen",
    "lightweight", "coatings", "foundry", "textiles", "furniture", "ceramics", "software", "consulting",
    "testing", "robotics", "hydraulics", "pumps", "gearboxes", "partner", "market", "technology",
    # Chinese
    "机械制造", "零部件", "自动化", "传感器", "精密加工", "注塑", "电子产品", "控制系统", "医疗器械", "物流",
    "销售渠道", "研发", "药品", "化工", "食品", "包装", "电池", "氢能", "轻量化", "涂料", "铸造", "纺织",
    "家具", "陶瓷", "软件", "咨询", "检测", "机器人", "液压", "泵", "齿轮箱", "合作伙伴", "市场", "技术",
    "寻求德国合作伙伴", "寻求中国市场", "新能源汽车", "智能制造", "高端装备",
]
SEEK_LEADS = ["Sucht", "Gesucht:", "Partner für", "Looking for", "Seeking partners in", "寻求", "寻找合作伙伴：",
              "Kooperation in", "Joint venture for", "Abnehmer für"]


def _pieces() -> tuple[list[str], list[str]]:
    """Phrases (split at , ; ( ) and 'und'/'and'/'sowie') and words of the real companies' texts."""
    phrases: list[str] = []
    words: list[str] = []
    with (SEED_DIR / "companies.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = " ".join(row.get(c) or "" for c in ("offers", "seeks"))
            for part in re.split(r"[,;()\n]| und | and | sowie |、|，|；", text):
                part = part.strip(" .:-")
                if len(part) >= 4:
                    phrases.append(part)
            words += [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return sorted(set(phrases)), sorted(set(words)) + EXTRA_WORDS


def generate(out: Path, companies: int) -> Path:
    generate_source.write_cities(out)

    phrases, words = _pieces()
    con = duckdb.connect()
    # n draws (lo .. lo + m - 1 of them) and the j-th pick from a list, both a hash of the row number
    con.execute("CREATE MACRO draws(r, tag, lo, m) AS range(CAST(lo + hash(r, tag) % m AS BIGINT))")
    con.execute("CREATE MACRO pick(xs, r, tag, j) AS xs[CAST(1 + hash(r, tag, j) % len(xs) AS BIGINT)]")
    con.execute("CREATE TABLE phrase AS SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS p)", [phrases])
    con.execute("CREATE TABLE word AS SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS w)", [words])
    con.execute("CREATE TABLE city AS SELECT row_number() OVER () - 1 AS i, city_id, country FROM read_csv(?, "
                "all_varchar = true)", [str(out / "cities.csv")])
    # codes below section level; manufacturing (section C) three times as often as the rest
    con.execute(
        "CREATE TABLE code AS SELECT row_number() OVER () - 1 AS i, code FROM ("
        "SELECT code FROM read_csv(?, all_varchar = true), range(CASE WHEN section = 'C' THEN 3 ELSE 1 END) "
        "WHERE level <> 'section' ORDER BY code)", [str(REFERENCE_DIR / "nace_rev2.csv")])
    n_city = con.execute("SELECT count(*) FROM city").fetchall()[0][0]
    n_code = con.execute("SELECT count(*) FROM code").fetchall()[0][0]
    phrase_list = "(SELECT list(p ORDER BY p) FROM phrase)"
    word_list = "(SELECT list(w ORDER BY w) FROM word)"
    con.execute(f"CREATE TABLE lists AS SELECT {phrase_list} AS ph, {word_list} AS wd, "
                "(SELECT list(code ORDER BY i) FROM code) AS cd, ?::VARCHAR[] AS leads", [SEEK_LEADS])
    con.execute(
        f"""
        COPY (
            SELECT 'v' || r AS company_id,
                   CASE WHEN ci.country = 'CN' THEN '变体企业' || r || '有限公司' ELSE 'Variante ' || r || ' GmbH' END
                       AS name,
                   ci.city_id,
                   offer_list[1] AS sector,
                   CAST(exp((hash(r, 'e') % 10000) / 10000.0 * ln(5000)) AS INTEGER) AS employees,
                   1950 + hash(r, 'y') % 75 AS founded,
                   -- 1-4 real phrases, then 0-5 words
                   array_to_string(
                       list_transform(draws(r, 'np', 1, 4), lambda j: pick(ph, r, 'p', j))
                       || list_transform(draws(r, 'nw', 0, 6), lambda j: pick(wd, r, 'w', j)),
                       ', ') AS offers,
                   CASE WHEN hash(r, 'hs') % 5 = 0 THEN NULL ELSE
                       leads[CAST(1 + hash(r, 'l') % len(leads) AS BIGINT)] || ' ' || array_to_string(
                       list_transform(draws(r, 'sp', 1, 2), lambda j: pick(ph, r, 'q', j))
                       || list_transform(draws(r, 'sw', 1, 5), lambda j: pick(wd, r, 'v', j)),
                       ', ') END AS seeks,
                   array_to_string(list_distinct(offer_list), ';') AS offer_sectors,
                   array_to_string(list_distinct(seek_list), ';') AS seek_sectors,
                   'true' AS is_sample
            FROM (
                SELECT r, ph, wd, leads,
                       -- a third in the first city, the rest skewed towards the low city numbers
                       CASE WHEN hash(r, 'c1') % 3 = 0 THEN 0
                            ELSE CAST(floor(pow((hash(r, 'c') % 10000) / 10000.0, 1.5) * {n_city}) AS INTEGER)
                       END AS city_i,
                       list_transform(draws(r, 'no', 1, 5), lambda j: pick(cd, r, 'o', j))
                           AS offer_list,
                       list_transform(draws(r, 'ns', 0, 6), lambda j: pick(cd, r, 's', j))
                           AS seek_list
                FROM range({companies}) AS t(r), lists
            ) AS g
            JOIN city AS ci ON ci.i = g.city_i
            ORDER BY r
        ) TO '{(out / "companies.csv").as_posix()}' (HEADER, DELIMITER ',')
        """
    )
    con.execute(
        f"""
        COPY (
            SELECT 'p' || r AS project_id, 'Projekt ' || r AS title, cn.city_id AS cn_city_id,
                   de.city_id AS de_city_id,
                   ['CN_TO_DE', 'DE_TO_CN', 'MUTUAL'][CAST(1 + hash(r, 'd') % 3 AS BIGINT)] AS direction,
                   ['idea', 'negotiation', 'agreed', 'implementation', 'completed', 'cancelled']
                       [CAST(1 + hash(r, 's') % 6 AS BIGINT)] AS status,
                   left(k.code, 2) AS sector,
                   array_to_string(list_transform(draws(r, 'nx', 1, 3),
                       lambda j: 'v' || (hash(r, 'x', j) % {companies})), ';') AS company_ids,
                   round((hash(r, 'v') % 10000) / 100.0, 2) AS volume_eur_m, hash(r, 'j') % 500 AS jobs,
                   DATE '2016-01-01' + CAST(hash(r, 't') % 3000 AS INTEGER) AS start_date, 'true' AS is_sample
            FROM range({max(companies // 10, 1)}) AS t(r)
            JOIN (SELECT row_number() OVER () - 1 AS j, city_id FROM city WHERE country = 'CN') AS cn
                ON cn.j = hash(r, 'a') % (SELECT count(*) FROM city WHERE country = 'CN')
            JOIN (SELECT row_number() OVER () - 1 AS j, city_id FROM city WHERE country = 'DE') AS de
                ON de.j = hash(r, 'b') % (SELECT count(*) FROM city WHERE country = 'DE')
            JOIN code AS k ON k.i = hash(r, 'q') % {n_code}
            ORDER BY r
        ) TO '{(out / "projects.csv").as_posix()}' (HEADER, DELIMITER ',')
        """
    )
    con.close()
    return out


def main() -> None:
    generate_source.main(generate, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()

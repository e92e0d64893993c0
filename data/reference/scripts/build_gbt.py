"""Build data/reference/gbt4754_2017.csv from the transcription in
data/reference/sources/gbt4754_2017_zmshe.txt (codes + names transcribed from
zmshe/capital src/utils/category.js @ 0b8f1ae, checked against an independent SQL dump).

Transformations:
  * leading/trailing whitespace stripped (the source has trailing blanks in ~40 names);
  * ASCII parentheses normalised to full-width （ ） (the source mixes both);
  * groups (3-digit) that the source does not list as a separate record (a group with a
    single class, e.g. 362 -> 3620) are created from the class record's class3 field;
    their name is the name of that sole class (the convention of the standard's table,
    where such a group and its class share one line and one title);
  * name_en for sections and divisions: the project's own translations (ENGLISH below).
"""
import csv
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "sources", "gbt4754_2017_zmshe.txt")
OUT = os.path.join(HERE, "..", "gbt4754_2017.csv")

# Project translations (not official).
ENGLISH = {
    "A": "Agriculture, forestry, animal husbandry and fishery",
    "B": "Mining",
    "C": "Manufacturing",
    "D": "Production and supply of electricity, heat, gas and water",
    "E": "Construction",
    "F": "Wholesale and retail trade",
    "G": "Transport, storage and postal services",
    "H": "Accommodation and catering",
    "I": "Information transmission, software and information technology services",
    "J": "Finance",
    "K": "Real estate",
    "L": "Leasing and business services",
    "M": "Scientific research and technical services",
    "N": "Water conservancy, environment and public facilities management",
    "O": "Resident services, repair and other services",
    "P": "Education",
    "Q": "Health and social work",
    "R": "Culture, sports and entertainment",
    "S": "Public administration, social security and social organisations",
    "T": "International organisations",
    "01": "Agriculture (crop growing)",
    "02": "Forestry",
    "03": "Animal husbandry",
    "04": "Fishery",
    "05": "Professional and support activities for agriculture, forestry, animal husbandry and fishery",
    "06": "Mining and washing of coal",
    "07": "Extraction of petroleum and natural gas",
    "08": "Mining and processing of ferrous metal ores",
    "09": "Mining and processing of non-ferrous metal ores",
    "10": "Mining and processing of non-metallic minerals",
    "11": "Professional and support activities for mining",
    "12": "Other mining",
    "13": "Processing of agricultural and sideline food products",
    "14": "Manufacture of foods",
    "15": "Manufacture of liquor, beverages and refined tea",
    "16": "Manufacture of tobacco products",
    "17": "Manufacture of textiles",
    "18": "Manufacture of textile garments and apparel",
    "19": "Manufacture of leather, fur, feathers and related products; manufacture of footwear",
    "20": "Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products",
    "21": "Manufacture of furniture",
    "22": "Manufacture of paper and paper products",
    "23": "Printing and reproduction of recording media",
    "24": "Manufacture of articles for culture, education, arts and crafts, sport and entertainment",
    "25": "Processing of petroleum, coal and other fuels",
    "26": "Manufacture of raw chemical materials and chemical products",
    "27": "Manufacture of medicines",
    "28": "Manufacture of chemical fibres",
    "29": "Manufacture of rubber and plastics products",
    "30": "Manufacture of non-metallic mineral products",
    "31": "Smelting and pressing of ferrous metals",
    "32": "Smelting and pressing of non-ferrous metals",
    "33": "Manufacture of metal products",
    "34": "Manufacture of general-purpose machinery",
    "35": "Manufacture of special-purpose machinery",
    "36": "Manufacture of motor vehicles",
    "37": "Manufacture of railway, ship, aerospace and other transport equipment",
    "38": "Manufacture of electrical machinery and equipment",
    "39": "Manufacture of computers, communication and other electronic equipment",
    "40": "Manufacture of measuring instruments and meters",
    "41": "Other manufacturing",
    "42": "Comprehensive utilisation of waste resources",
    "43": "Repair of metal products, machinery and equipment",
    "44": "Production and supply of electricity and heat",
    "45": "Production and supply of gas",
    "46": "Production and supply of water",
    "47": "Construction of buildings",
    "48": "Civil engineering",
    "49": "Installation activities",
    "50": "Building decoration, renovation and other construction",
    "51": "Wholesale trade",
    "52": "Retail trade",
    "53": "Railway transport",
    "54": "Road transport",
    "55": "Water transport",
    "56": "Air transport",
    "57": "Pipeline transport",
    "58": "Multimodal transport and transport agency services",
    "59": "Loading, unloading, handling and warehousing",
    "60": "Postal services",
    "61": "Accommodation",
    "62": "Catering (food and beverage services)",
    "63": "Telecommunications, broadcasting and satellite transmission services",
    "64": "Internet and related services",
    "65": "Software and information technology services",
    "66": "Monetary and financial services",
    "67": "Capital market services",
    "68": "Insurance",
    "69": "Other financial activities",
    "70": "Real estate",
    "71": "Leasing",
    "72": "Business services",
    "73": "Research and experimental development",
    "74": "Professional technical services",
    "75": "Technology promotion and application services",
    "76": "Water conservancy management",
    "77": "Ecological protection and environmental treatment",
    "78": "Management of public facilities",
    "79": "Land management",
    "80": "Resident services",
    "81": "Repair of motor vehicles, electronic products and household goods",
    "82": "Other services",
    "83": "Education",
    "84": "Health",
    "85": "Social work",
    "86": "News and publishing",
    "87": "Radio, television, film and sound recording production",
    "88": "Culture and arts",
    "89": "Sports",
    "90": "Entertainment",
    "91": "Organs of the Communist Party of China",
    "92": "State organs",
    "93": "CPPCC and democratic parties",
    "94": "Social security",
    "95": "Mass organisations, social organisations and other membership organisations",
    "96": "Grassroots self-governing mass organisations and other organisations",
    "97": "International organisations",
}


def norm(name):
    return name.strip().replace("(", "（").replace(")", "）")


def read_raw():
    recs = []
    with open(RAW, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            code, name = line.rstrip("\n").split("\t")
            recs.append((code.strip(), norm(name)))
    return recs


def build():
    recs = read_raw()
    rows, seen = [], set()
    section = None
    implied_groups = []
    for code, name in recs:
        if code.isalpha():
            section = code
            rows.append(dict(code=code, level="section", parent_code="", section=code,
                             name_zh=name, name_en=ENGLISH[code]))
        elif len(code) == 2:
            rows.append(dict(code=code, level="division", parent_code=section, section=section,
                             name_zh=name, name_en=ENGLISH[code]))
        elif len(code) == 3:
            rows.append(dict(code=code, level="group", parent_code=code[:2], section=section,
                             name_zh=name, name_en=""))
        elif len(code) == 4:
            grp = code[:3]
            if grp not in seen:  # group without its own record: take the sole class's title
                implied_groups.append(grp)
                rows.append(dict(code=grp, level="group", parent_code=code[:2], section=section,
                                 name_zh=name, name_en=""))
                seen.add(grp)
            rows.append(dict(code=code, level="class", parent_code=grp, section=section,
                             name_zh=name, name_en=""))
        else:
            raise SystemExit(f"bad code {code}")
        seen.add(code)
    # an implied group must have exactly one class
    n_cls = Counter(r["parent_code"] for r in rows if r["level"] == "class")
    for g in implied_groups:
        assert n_cls[g] == 1, (g, n_cls[g])
    assert len(ENGLISH) == 20 + 97
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["code", "level", "parent_code", "section", "name_zh", "name_en"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(OUT, Counter(r["level"] for r in rows), "implied groups:", len(implied_groups))
    return rows


if __name__ == "__main__":
    build()

"""Build gbt_nace_crosswalk.csv (GB/T 4754-2017 division -> NACE Rev. 2 division) and the
audit file gbt_class_nace_assignment.csv.

Method (no machine-readable GB/T<->ISIC Annex C table could be obtained, see SOURCES.md):
every GB/T class (4-digit) is assigned to ONE NACE Rev. 2 division by reading its Chinese
title (and, where needed, the explanatory note printed in the source file), using the
content of the NACE/ISIC Rev.4 class it corresponds to.  ISIC Rev.4 divisions are identical to
NACE Rev.2 divisions.  share = classes assigned to the NACE division / classes in the GB/T
division, rounded to 2 decimals; the largest share absorbs the rounding so each GB/T division
sums to exactly 1.00.  Class counts are an unweighted proxy (no output/employment weights).

Assignment = DIV_DEFAULT[division], overridden by GROUP[group], overridden by CLASS[class].
Each override carries a short reason (used in the audit file).
"""
import csv
import os
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..")

# GB/T division -> default NACE division (the NACE division whose content the bulk of the
# GB/T division corresponds to).
DIV_DEFAULT = {
    "01": "01", "02": "02", "03": "01", "04": "03", "05": "01",
    "06": "05", "07": "06", "08": "07", "09": "07", "10": "08", "11": "09", "12": "08",
    "13": "10", "14": "10", "15": "11", "16": "12", "17": "13", "18": "14", "19": "15",
    "20": "16", "21": "31", "22": "17", "23": "18", "24": "32", "25": "19", "26": "20",
    "27": "21", "28": "20", "29": "22", "30": "23", "31": "24", "32": "24", "33": "25",
    "34": "28", "35": "28", "36": "29", "37": "30", "38": "27", "39": "26", "40": "26",
    "41": "32", "42": "38", "43": "33",
    "44": "35", "45": "35", "46": "36",
    "47": "41", "48": "42", "49": "43", "50": "43",
    "51": "46", "52": "47",
    "53": "49", "54": "49", "55": "50", "56": "51", "57": "49", "58": "52", "59": "52", "60": "53",
    "61": "55", "62": "56",
    "63": "61", "64": "63", "65": "62",
    "66": "64", "67": "66", "68": "65", "69": "66",
    "70": "68",
    "71": "77", "72": "82",
    "73": "72", "74": "71", "75": "74",
    "76": "36", "77": "39", "78": "84", "79": "84",
    "80": "96", "81": "95", "82": "96",
    "83": "85", "84": "86", "85": "87",
    "86": "58", "87": "59", "88": "91", "89": "93", "90": "93",
    "91": "94", "92": "84", "93": "94", "94": "84", "95": "94", "96": "84",
    "97": "99",
}

GROUP = {  # group -> (NACE division, reason)
    "052": ("02", "support services to forestry = NACE 02.40"),
    "054": ("03", "fish hatcheries / support to fishing = NACE 03"),
    "195": ("15", "footwear = NACE 15.20"),
    "242": ("32", "musical instruments = NACE 32.20"),
    "533": ("52", "railway stations, track operation = NACE 52.21"),
    "544": ("52", "bus stations, road operation = NACE 52.21"),
    "553": ("52", "ports = NACE 52.22"),
    "563": ("52", "airports, air traffic control = NACE 52.23"),
    "642": ("63", "web portals / online information = NACE 63.12"),
    "643": ("63", "internet platforms = NACE 63.12"),
    "651": ("62", "software development = NACE 62.01"),
    "685": ("66", "insurance brokers/agents = NACE 66.22"),
    "723": ("69", "legal activities = NACE 69.10"),
    "725": ("73", "advertising = NACE 73.11"),
    "726": ("78", "employment activities = NACE 78"),
    "727": ("80", "security activities = NACE 80"),
    "728": ("82", "conventions and trade shows = NACE 82.30"),
    "744": ("71", "surveying and mapping = NACE 71.12"),
    "745": ("71", "technical testing and analysis = NACE 71.20"),
    "746": ("71", "environmental testing/monitoring = NACE 71.20"),
    "747": ("71", "geological surveying = NACE 71.12"),
    "748": ("71", "engineering and planning = NACE 71.1"),
    "771": ("91", "nature reserves, zoos, botanical gardens = NACE 91.04"),
    "786": ("91", "scenic areas, nature parks = NACE 91.03/91.04"),
    "805": ("96", "physical well-being = NACE 96.04"),
    "812": ("95", "repair of computers and communication equipment = NACE 95.1"),
    "821": ("81", "cleaning activities = NACE 81.2"),
    "851": ("87", "residential care = NACE 87"),
    "852": ("88", "social work without accommodation = NACE 88"),
    "862": ("58", "publishing = NACE 58.1"),
    "883": ("91", "libraries and archives = NACE 91.01"),
    "904": ("92", "lotteries = NACE 92.00"),
}

CLASS = {  # class -> (NACE division, reason)
    "0521": ("02", "forestry support"), "0522": ("02", "forestry support"),
    "0523": ("02", "primary processing of forest products on site"), "0529": ("02", "forestry support"),
    "1511": ("20", "ethyl alcohol (incl. fuel/industrial) = NACE 20.14"),
    "1530": ("10", "tea processing = NACE 10.83"),
    "1921": ("14", "leather clothes = NACE 14.11"),
    "1923": ("14", "leather gloves and accessories = NACE 14.19"),
    "1932": ("14", "articles of fur (garments) = NACE 14.20"),
    "1939": ("14", "articles of fur = NACE 14.20"),
    "1941": ("10", "production of feathers and down = NACE 10.12"),
    "1942": ("14", "down garments/bedding, mainly apparel"),
    "2312": ("17", "exercise books, registers = NACE 17.23"),
    "2414": ("20", "writing/drawing ink = NACE 20.59"),
    "2435": ("16", "plaiting materials handicrafts = NACE 16.29"),
    "2436": ("13", "embroidery = NACE 13.99"),
    "2437": ("13", "carpets and rugs = NACE 13.93"),
    "2456": ("30", "baby carriages = NACE 30.92"),
    "2461": ("28", "amusement park equipment = NACE 28.99"),
    "2522": ("35", "gas from coal = NACE 35.21"),
    "2530": ("24", "processing of nuclear fuel = NACE 24.46"),
    "2541": ("20", "biofuels = NACE 20.59"),
    "2542": ("16", "wood/biomass pellets = NACE 16.29"),
    "2811": ("17", "dissolving pulp = NACE 17.11"),
    "3062": ("22", "glass-fibre reinforced plastics = NACE 22.29"),
    "3331": ("29", "containers for multimodal transport = NACE 29.20"),
    "3391": ("24", "casting of iron and steel = NACE 24.51/24.52"),
    "3392": ("24", "casting of light/other non-ferrous metals = NACE 24.53/24.54"),
    "3411": ("25", "steam generators/boilers, nuclear reactors = NACE 25.30"),
    "3424": ("27", "electric welding equipment = NACE 27.90"),
    "3471": ("26", "cinematographic equipment = NACE 26.70"),
    "3472": ("26", "projectors = NACE 26.70"),
    "3473": ("26", "photographic equipment = NACE 26.70"),
    "3482": ("25", "fasteners = NACE 25.94"),
    "3483": ("25", "springs = NACE 25.93"),
    "3484": ("25", "machining of parts = NACE 25.62"),
    "3525": ("25", "moulds = NACE 25.73"),
    "3581": ("26", "electromedical equipment = NACE 26.60"),
    "3582": ("32", "dental instruments = NACE 32.50"),
    "3583": ("32", "medical/laboratory sterilisers = NACE 32.50"),
    "3584": ("32", "medical and surgical instruments = NACE 32.50"),
    "3585": ("32", "mechano-therapy, hospital furniture = NACE 32.50"),
    "3586": ("32", "orthopaedic/rehabilitation appliances = NACE 32.50"),
    "3587": ("32", "ophthalmic goods = NACE 32.50"),
    "3589": ("32", "other medical instruments = NACE 32.50"),
    "3596": ("27", "electrical traffic signalling equipment = NACE 27.90"),
    "3736": ("38", "ship-breaking = NACE 38.31"),
    "3780": ("29", "ATVs, golf carts = NACE 29.10"),
    "3791": ("32", "diving equipment = NACE 32.99"),
    "3824": ("26", "power semiconductors = NACE 26.11"),
    "3825": ("26", "photovoltaic cells/modules = NACE 26.11"),
    "3963": ("30", "unmanned aircraft = NACE 30.30"),
    "3964": ("28", "service robots = NACE 28.99"),
    "4050": ("28", "weighing machinery = NACE 28.29"),
    "4610": ("36", "water supply"), "4620": ("37", "sewerage = NACE 37"),
    "4891": ("81", "landscape planting and care = NACE 81.30"),
    "5172": ("45", "wholesale of motor vehicles and parts = NACE 45"),
    "5173": ("45", "wholesale of motorcycles and parts = NACE 45.40"),
    "5261": ("45", "sale of new cars = NACE 45.11"),
    "5262": ("45", "sale of used cars = NACE 45.11"),
    "5263": ("45", "retail of motor vehicle parts = NACE 45.32"),
    "5264": ("45", "sale of motorcycles and parts = NACE 45.40"),
    "5414": ("77", "public bicycle rental = NACE 77.21"),
    "5511": ("50", "sea passenger transport"), "5512": ("50", "inland passenger water transport"),
    "5513": ("50", "ferries"),
    "5623": ("93", "air sports clubs = NACE 93.12"),
    "5810": ("52", "multimodal transport organisation = NACE 52.29"),
    "5822": ("79", "passenger ticket agencies = NACE 79.11"),
    "6410": ("61", "internet access provision = NACE 61.90"),
    "6422": ("58", "online games publishing = NACE 58.21"),
    "6440": ("62", "internet security services = NACE 62.09"),
    "6520": ("71", "integrated-circuit design (engineering design) = NACE 71.12"),
    "6550": ("63", "data processing and hosting = NACE 63.11"),
    "6571": ("63", "geographic information processing = NACE 63.11"),
    "6572": ("59", "animation content production = NACE 59.11"),
    "6579": ("63", "other digital content services = NACE 63.99"),
    "6591": ("82", "call centres = NACE 82.20"),
    "6640": ("66", "bank wealth management = NACE 66.30"),
    "6650": ("84", "banking supervision by public authority = NACE 84.13"),
    "6720": ("64", "public investment funds = NACE 64.30"),
    "6731": ("64", "venture capital funds = NACE 64.30/64.99"),
    "6732": ("64", "angel investment = NACE 64.99"),
    "6739": ("64", "private investment funds = NACE 64.30"),
    "6750": ("84", "securities/futures supervision by public authority = NACE 84.13"),
    "6760": ("64", "own-account capital investment = NACE 64.99"),
    "6840": ("65", "pension funding = NACE 65.30"),
    "6860": ("66", "insurance asset management = NACE 66.30"),
    "6870": ("84", "insurance supervision by public authority = NACE 84.13"),
    "6890": ("66", "actuarial and other insurance auxiliaries = NACE 66.29"),
    "6911": ("64", "trust companies = NACE 64.99"),
    "6920": ("64", "holding companies = NACE 64.20"),
    "6950": ("64", "asset management companies (NPL) = NACE 64.99"),
    "6999": ("64", "other financial intermediation = NACE 64.99"),
    "7010": ("41", "development of building projects = NACE 41.10"),
    "7211": ("70", "head offices = NACE 70.10"),
    "7212": ("64", "investment/asset holding = NACE 64.20"),
    "7213": ("66", "resource and property-rights exchanges = NACE 66.11"),
    "7214": ("81", "combined facilities support = NACE 81.10"),
    "7215": ("70", "management of rural collective economic organisations = NACE 70.10"),
    "7219": ("70", "other organisational management = NACE 70.10"),
    "7221": ("68", "management of industrial parks = NACE 68.32"),
    "7222": ("68", "management of commercial complexes = NACE 68.32"),
    "7223": ("68", "management of market premises = NACE 68.32"),
    "7224": ("52", "supply-chain (logistics) management = NACE 52.29"),
    "7241": ("69", "accounting, auditing, tax = NACE 69.20"),
    "7242": ("73", "market research = NACE 73.20"),
    "7243": ("70", "management consultancy = NACE 70.22"),
    "7244": ("70", "health consultancy (non-medical) = NACE 70.22"),
    "7245": ("74", "environmental consultancy = NACE 74.90"),
    "7246": ("74", "sports consultancy = NACE 74.90"),
    "7249": ("74", "other professional consultancy = NACE 74.90"),
    "7264": ("70", "start-up coaching = NACE 70.22"),
    "7291": ("79", "travel agencies = NACE 79.1"),
    "7294": ("74", "translation = NACE 74.30"),
    "7296": ("66", "non-financing guarantees = NACE 66.19"),
    "7298": ("79", "event ticket agencies = NACE 79.90"),
    "7410": ("74", "weather services = NACE 74.90"),
    "7420": ("74", "seismological services = NACE 74.90"),
    "7431": ("74", "marine meteorology = NACE 74.90"),
    "7432": ("74", "marine environment services = NACE 74.90"),
    "7439": ("74", "other marine services = NACE 74.90"),
    "7491": ("74", "industrial design = NACE 74.10"),
    "7492": ("74", "specialised design = NACE 74.10"),
    "7493": ("75", "veterinary activities = NACE 75"),
    "7499": ("74", "other technical activities = NACE 74.90"),
    "7540": ("68", "incubator/co-working space provision = NACE 68.20"),
    "7610": ("84", "flood-control administration = NACE 84.13"),
    "7640": ("71", "hydrological surveying = NACE 71.12"),
    "7723": ("38", "treatment of non-hazardous solid waste = NACE 38.21"),
    "7724": ("38", "treatment of hazardous waste = NACE 38.22"),
    "7725": ("38", "treatment of radioactive waste = NACE 38.22"),
    "7820": ("38", "municipal waste collection and treatment = NACE 38.11"),
    "7840": ("81", "green-space maintenance = NACE 81.30"),
    "7850": ("81", "operation/maintenance of urban parks = NACE 81.30"),
    "7910": ("71", "land consolidation surveys = NACE 71.12"),
    "7920": ("71", "land surveys and valuation = NACE 71.12"),
    "7940": ("68", "land registration agents = NACE 68.31"),
    "8010": ("97", "households as employers of domestic staff = NACE 97"),
    "8020": ("88", "child day-care = NACE 88.91"),
    "8060": ("74", "photographic services = NACE 74.20"),
    "8111": ("45", "repair of motor vehicles = NACE 45.20"),
    "8112": ("45", "repair of heavy vehicles = NACE 45.20"),
    "8113": ("45", "repair of motorcycles = NACE 45.40"),
    "8129": ("33", "repair of office machinery = NACE 33.12"),
    "8211": ("81", "building cleaning"), "8219": ("81", "other cleaning"),
    "8221": ("01", "raising of pets = NACE 01.49"),
    "8222": ("75", "veterinary clinics for pets = NACE 75"),
    "8610": ("63", "news agencies = NACE 63.91"),
    "8624": ("59", "sound/video recording publishing = NACE 59.20"),
    "8710": ("60", "radio broadcasting = NACE 60.10"),
    "8720": ("60", "television broadcasting = NACE 60.20"),
    "8740": ("60", "IPTV/integrated broadcast control = NACE 60.20"),
    "8810": ("90", "creative and performing arts = NACE 90.01/90.03"),
    "8820": ("90", "arts facilities = NACE 90.04"),
    "8870": ("90", "community cultural/sports events = NACE 90.04"),
    "8890": ("90", "other cultural and arts activities = NACE 90"),
    "9013": ("96", "internet cafes (personal services) = NACE 96.09"),
    "9051": ("90", "support activities to performing arts = NACE 90.02"),
    "9053": ("74", "agents for artists = NACE 74.90"),
    "9054": ("74", "sports agents = NACE 74.90"),
    "9059": ("74", "other cultural agents = NACE 74.90"),
    "9310": ("84", "CPPCC (state consultative body) = NACE 84.11"),
    "9420": ("65", "supplementary pensions/annuities = NACE 65.30"),
}

DIV_NOTE = {
    "91": "CPC organs classed as political organisation (NACE 94.92); could also be read as 84.11",
    "96": "residents'/villagers' committees perform local administration (NACE 84.11)",
    "78": "municipal facilities and city-appearance administration (NACE 84.13)",
}


def load_gbt():
    with open(os.path.join(REF, "gbt4754_2017.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def nace_divisions():
    with open(os.path.join(REF, "nace_rev2.csv"), encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(f) if r["level"] == "division"}


def compress(codes):
    return " ".join(sorted(codes))


def hamilton(counts, total):
    """Largest-remainder rounding of counts/total to whole percent; every part gets >= 1."""
    raw = {n: 100 * c / total for n, c in counts.items()}
    out = {n: max(1, int(v)) for n, v in raw.items()}
    rest = 100 - sum(out.values())
    order = sorted(raw, key=lambda n: (-(raw[n] - int(raw[n])), -counts[n], n))
    i = 0
    while rest > 0:
        out[order[i % len(order)]] += 1
        rest -= 1
        i += 1
    while rest < 0:  # only if the >=1 floor overshot: take from the largest part
        big = max(out, key=lambda n: out[n])
        out[big] -= 1
        rest += 1
    return out


def main():
    gbt = load_gbt()
    names = {r["code"]: r["name_zh"] for r in gbt}
    classes = [r for r in gbt if r["level"] == "class"]
    divs = sorted(r["code"] for r in gbt if r["level"] == "division")
    valid = nace_divisions()
    for k in list(CLASS) + list(GROUP):
        assert k in names, f"unknown GB/T code in mapping: {k}"
    assign = []
    for r in classes:
        c = r["code"]
        if c in CLASS:
            nd, why = CLASS[c]
            how = "class"
        elif c[:3] in GROUP:
            nd, why = GROUP[c[:3]]
            how = "group"
        else:
            nd, why = DIV_DEFAULT[c[:2]], DIV_NOTE.get(c[:2], "content of GB/T division")
            how = "division default"
        assert nd in valid, (c, nd)
        assign.append(dict(gbt_class=c, gbt_name_zh=r["name_zh"], gbt_division=c[:2],
                           nace_division=nd, rule=how, reason=why))
    with open(os.path.join(REF, "gbt_class_nace_assignment.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(assign[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(assign)

    reason = {a["gbt_class"]: a["reason"] for a in assign}
    rule = {a["gbt_class"]: a["rule"] for a in assign}
    by_div = defaultdict(lambda: defaultdict(list))
    for a in assign:
        by_div[a["gbt_division"]][a["nace_division"]].append(a["gbt_class"])
    out = []
    for d in divs:
        parts = by_div[d]
        total = sum(len(v) for v in parts.values())
        shares = hamilton({n: len(v) for n, v in parts.items()}, total)
        assert sum(shares.values()) == 100 and all(0 < s <= 100 for s in shares.values()), (d, shares)
        for n in sorted(parts, key=lambda n: (-len(parts[n]), n)):
            cl = parts[n]
            if len(parts) == 1:
                what = "the only class" if total == 1 else f"all {total} classes"
                basis = f"{what} of GB/T {d} {names[d]} -> NACE {n} (class-title reading)"
            else:
                basis = f"{len(cl)}/{total} classes of GB/T {d} -> NACE {n}: {compress(cl)}"
                why = sorted({reason[c] for c in cl if rule[c] != "division default"})
                if why and all(rule[c] != "division default" for c in cl):
                    basis += " [" + "; ".join(why) + "]"
                if len(basis) > 400:
                    basis = (f"{len(cl)}/{total} classes of GB/T {d} -> NACE {n} "
                             "(bulk of the division; list in gbt_class_nace_assignment.csv)")
            out.append(dict(gbt_division=d, nace_division=n, share=f"{shares[n] / 100:.2f}", basis=basis))
    with open(os.path.join(REF, "gbt_nace_crosswalk.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["gbt_division", "nace_division", "share", "basis"], lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print("classes", len(assign), "crosswalk rows", len(out),
          "rules", Counter(a["rule"] for a in assign),
          "multi-target divisions", sum(1 for d in divs if len(by_div[d]) > 1))


if __name__ == "__main__":
    main()

"""Regenerate data/reference/countries.csv from the npm package `world-countries` (ODbL 1.0).

    npm pack world-countries && tar xzf world-countries-*.tgz
    python data/reference/scripts/make_countries.py package > data/reference/countries.csv

Names (en, de, zh) come from the package's translations; the bounding box of each country is
computed from its GeoJSON outline. The ETL uses the box to warn about coordinates outside a
city's country (swapped lat/lon, wrong sign).
"""

import csv
import json
import sys
from pathlib import Path


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [pt for poly in polygons for ring in poly for pt in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def main(package_dir: str) -> None:
    root = Path(package_dir)
    countries = json.loads((root / "dist" / "countries.json").read_text(encoding="utf-8"))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["iso2", "iso3", "name_en", "name_de", "name_zh", "min_lon", "min_lat", "max_lon", "max_lat"])
    for c in sorted(countries, key=lambda c: c["cca2"]):
        geo = root / "data" / f"{c['cca3'].lower()}.geo.json"
        box = ("", "", "", "")
        if geo.exists():
            features = json.loads(geo.read_text(encoding="utf-8"))["features"]
            if features and features[0].get("geometry"):
                box = tuple(round(v, 4) for v in bbox(features[0]["geometry"]))
        tr = c["translations"]
        out.writerow([c["cca2"], c["cca3"], c["name"]["common"], tr["deu"]["common"], tr["zho"]["common"], *box])


if __name__ == "__main__":
    main(sys.argv[1])

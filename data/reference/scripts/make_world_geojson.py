"""Regenerate data/reference/world_110m.geojson (country outlines for the offline map).

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python data/reference/scripts/make_world_geojson.py package/countries-110m.json > data/reference/world_110m.geojson

world-atlas (ISC licence, © Mike Bostock) packages Natural Earth's 1:110m admin-0 countries (public
domain) as TopoJSON; this script decodes the arcs (delta-encoded, quantised) into plain GeoJSON
polygons, rounded to 0.01°, with each country's ISO numeric id and name (Antarctica left out).
"""

import json
import sys


def decode(topology: dict) -> dict:
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        # A ring across the antimeridian (Russia, Fiji) would be drawn around the whole globe:
        # continue it east of 180° instead.
        if max(p[0] for p in points) - min(p[0] for p in points) > 180:
            points = [[p[0] + 360, p[1]] if p[0] < 0 else p for p in points]
        return points

    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == "010":  # Antarctica: no member city, and it fills the map's bottom
            continue
        if geometry["type"] == "Polygon":
            coordinates = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geometry.get("id"),
                         "properties": {"name": geometry.get("properties", {}).get("name", "")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        json.dump(decode(json.load(fh)), sys.stdout, separators=(",", ":"))

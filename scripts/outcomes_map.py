#!/usr/bin/env python3
"""Builds data/outcomes/essex-map.geo.json (SVG paths for the outcomes map) from
../shared/data/geo/essex-lad.geojson: an equirectangular projection scaled by cos(latitude)
at the middle of the county, fitted to a 600-unit-wide box, rounded to 0.1 unit with repeated
points dropped. Run from the repository root: python3 scripts/outcomes_map.py [SRC] [OUT]."""
import json
import math
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geo/essex-lad.geojson"
OUT = sys.argv[2] if len(sys.argv) > 2 else "data/outcomes/essex-map.geo.json"
WIDTH = 600.0
PAD = 4.0


def rings(geom):
    if geom["type"] == "Polygon":
        return list(geom["coordinates"])
    return [ring for poly in geom["coordinates"] for ring in poly]


def main():
    src = json.load(open(SRC))
    feats = src["features"]
    pts = [p for f in feats for r in rings(f["geometry"]) for p in r]
    lon0, lon1 = min(p[0] for p in pts), max(p[0] for p in pts)
    lat0, lat1 = min(p[1] for p in pts), max(p[1] for p in pts)
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (WIDTH - 2 * PAD) / ((lon1 - lon0) * k)
    height = round((lat1 - lat0) * scale + 2 * PAD, 1)

    def xy(p):
        return (round((p[0] - lon0) * k * scale + PAD, 1), round((lat1 - p[1]) * scale + PAD, 1))

    areas = []
    # The districts and unitaries tile the map; the county is their union (shown in the table).
    for f in feats:
        if f["properties"]["tier"] == "upper":
            continue
        d = []
        for r in rings(f["geometry"]):
            seq = []
            for p in r:
                q = xy(p)
                if not seq or seq[-1] != q:
                    seq.append(q)
            if len(seq) < 3:
                continue
            d.append("M" + " ".join("%g,%g" % q for q in seq) + "Z")
        props = f["properties"]
        areas.append({"code": props["code"], "name": props["name"], "tier": props["tier"], "path": "".join(d)})
    areas.sort(key=lambda a: a["code"])
    out = {
        "format": "goldthread outcomes map 1",
        "source": "ONS Local Authority Districts (December 2016) Super Generalised Clipped boundaries, via "
        "ONSvisual/uk-topojson at b2fde50cb130908b897de10b65cdc392f9b4ff78 (../shared/data/geo/README.md); "
        "projected and rounded by scripts/outcomes_map.py",
        "attribution": "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
        "Contains OS data \u00a9 Crown copyright and database right 2016.",
        "width": WIDTH,
        "height": height,
        "areas": areas,
    }
    with open(OUT, "w") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main()

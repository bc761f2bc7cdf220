#!/usr/bin/env python3
"""Builds the bundled Essex indicators from the ONS Explore Local Statistics extract.

    python3 data/outcomes/curate.py ../shared/data/indicators/ons-els/_all-essex-indicators.csv

Writes essex-indicators.csv (the chosen indicators' rows, unchanged, in the ELS columns) and
essex-indicators.json (our metadata: definition, polarity, value type, frequency, licence,
attribution and the ambitions each measures). The choice, the polarity and the links to the
ambitions are ours; every figure is ONS's, unchanged. See data/outcomes/README.md.
"""
import csv
import json
import re
import sys

LICENCE = "Open Government Licence v3.0"
# (indicator as published, value type, polarity, ambitions, definition)
CHOSEN = [
    ("Female healthy life expectancy", "years", "higher", ["enjoy-life-long-into-old-age"],
     "Healthy life expectancy at birth for females, in years, for three years pooled."),
    ("Male healthy life expectancy", "years", "higher", ["enjoy-life-long-into-old-age"],
     "Healthy life expectancy at birth for males, in years, for three years pooled."),
    ("Preventable cardiovascular mortality (England)", "rate", "lower", ["enjoy-life-long-into-old-age"],
     "Deaths from cardiovascular disease considered preventable, per 100,000 population, for three years pooled."),
    ("Adult obesity prevalence", "percentage", "lower", ["enjoy-life-long-into-old-age"],
     "Percentage of adults classified as obese."),
    ("Cancer diagnosis at stage 1 and 2", "percentage", "higher", ["enjoy-life-long-into-old-age"],
     "Percentage of cancers diagnosed at an early stage (stage 1 or 2)."),
    ("Communication and language", "percentage", "higher", ["provide-an-equal-start-for-every-child"],
     "Percentage of children at the end of the early years foundation stage at the expected level in the "
     "communication and language early learning goals."),
    ("GCSEs in English and Maths", "percentage", "higher", ["provide-an-equal-start-for-every-child"],
     "Percentage of pupils at the end of key stage 4 reaching the published standard in GCSE English and maths."),
    ("Pupils meeting the expected standard in reading, writing and maths", "percentage", "higher",
     ["provide-an-equal-start-for-every-child"],
     "Percentage of pupils at the end of primary school (key stage 2) meeting the expected standard in reading, "
     "writing and maths."),
    ("Children in relative poverty after housing costs", "percentage", "lower",
     ["provide-an-equal-start-for-every-child"],
     "Percentage of children living in relative poverty, after housing costs."),
    ("Persistent absences for all pupils", "percentage", "lower", ["provide-an-equal-start-for-every-child"],
     "Percentage of pupils who are persistently absent from school."),
    ("Gigabit capable broadband", "percentage", "higher", ["connect-us-to-each-other-and-the-world"],
     "Percentage of premises that can get gigabit-capable broadband."),
    ("4G coverage", "percentage", "higher", ["connect-us-to-each-other-and-the-world"],
     "Percentage 4G mobile coverage, as reported by Ofcom."),
    ("5G coverage", "percentage", "higher", ["connect-us-to-each-other-and-the-world"],
     "Percentage 5G mobile coverage, as reported by Ofcom."),
    ("Public transport or walk to work", "mean", "lower", ["connect-us-to-each-other-and-the-world"],
     "Average minimum travel time, in minutes, to reach employment centres by public transport or walking."),
    ("Employment rate", "percentage", "higher", ["share-prosperity-with-everyone"],
     "Percentage of people aged 16 to 64 who are in employment."),
    ("Gross median weekly pay", "money", "higher", ["share-prosperity-with-everyone"],
     "Median gross weekly pay, in pounds."),
    ("Gross disposable household income", "money", "higher", ["share-prosperity-with-everyone"],
     "Gross disposable household income per head, in pounds."),
    ("Apprenticeship starts (England)", "rate", "higher", ["share-prosperity-with-everyone"],
     "Apprenticeship starts per 100,000 population."),
    ("Happiness", "mean", "higher", ["unite-behind-a-sense-of-identity", "strengthen-communities-through-participation"],
     "Average rating of how happy people felt yesterday, from 0 (not at all) to 10 (completely)."),
    ("Satisfaction", "mean", "higher", ["unite-behind-a-sense-of-identity"],
     "Average rating of satisfaction with life nowadays, from 0 (not at all) to 10 (completely)."),
    ("Engaged with the arts", "percentage", "higher", ["strengthen-communities-through-participation",
                                                        "unite-behind-a-sense-of-identity"],
     "Percentage of adults who engaged with the arts in the last year."),
    ("Visited a heritage site", "percentage", "higher", ["unite-behind-a-sense-of-identity"],
     "Percentage of adults who visited a heritage site in the last year."),
    ("Visited a public library", "percentage", "higher", ["strengthen-communities-through-participation"],
     "Percentage of adults who visited a public library in the last year."),
    ("Greenhouse gas emissions", "other", "lower", ["develop-our-county-sustainably"],
     "Territorial greenhouse gas emissions per person, in tonnes of carbon dioxide equivalent."),
    ("Net additions to the housing stock (England)", "rate", "neither", ["develop-our-county-sustainably"],
     "Net additional dwellings per 1,000 dwellings of existing stock."),
    ("Public electric vehicle chargers", "rate", "higher", ["develop-our-county-sustainably",
                                                            "connect-us-to-each-other-and-the-world"],
     "Public electric vehicle charging devices per 100,000 population."),
]


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:80]


def main(src):
    with open(src, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    names = {c[0] for c in CHOSEN}
    chosen_rows = [r for r in rows if r["indicator"] in names]
    with open("data/outcomes/essex-indicators.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(chosen_rows)
    meta = []
    for name, vtype, polarity, ambitions, definition in CHOSEN:
        mine = [r for r in chosen_rows if r["indicator"] == name]
        assert mine, name
        first = mine[0]
        periods = sorted({r["period"] for r in mine})
        frequency = "Annual" if all("/P" in p for p in periods) and len(periods) > 1 else (
            "Monthly" if all("/P1M" in p for p in periods) else "Published occasionally (snapshot)")
        m = re.search(r"[Rr]ate per ([\d,]+)", first["unit"])
        meta.append({
            "slug": slugify(name), "name": name, "definition": definition, "unit": first["unit"],
            "value_type": vtype, "multiplier": int(m.group(1).replace(",", "")) if m else 0,
            "polarity": polarity, "source_org": first["source_org"], "source_url": first["source_url"],
            "dataset": first["dataset"], "frequency": frequency, "ambitions": ambitions,
            "attribution": "Contains public sector information licensed under the Open Government Licence v3.0. "
                           "Source: Office for National Statistics, Explore Local Statistics; original producer: "
                           + first["source_org"] + ".",
        })
    doc = {"format": "goldthread-indicators/1", "licence": LICENCE,
           "source": "ONSdigital/explore-local-statistics-data@4972c588d0c192839afc8fa54ae82cb3dc7721ed",
           "indicators": meta}
    with open("data/outcomes/essex-indicators.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(len(chosen_rows), "rows,", len(meta), "indicators")


if __name__ == "__main__":
    main(sys.argv[1])

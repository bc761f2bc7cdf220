#!/usr/bin/env python3
"""Generates N data points for the import benchmark (docs/PERFORMANCE.md, "Outcomes").

    python3 bench/outcomes/generate_points.py 1000000 > /tmp/points.csv

The values are made up (a benchmark, never shipped): 15 Essex areas plus the region and
England, monthly periods (five years from 2020), and as many indicators as needed ("Generated 0001"…),
each with 95% limits around the value and a numerator and denominator.
"""
import random
import sys

AREAS = ["E10000012"] + ["E070000%d" % n for n in range(66, 78)] + ["E06000033", "E06000034", "E12000006",
                                                                    "E92000001"]
PERIODS = 60  # months: five years, 1,020 points per indicator


def main(n):
    rnd = random.Random(42)
    out = sys.stdout
    out.write("area_code,indicator,period,value,unit,lci_95,uci_95,numerator,denominator\n")
    written = 0
    ind = 0
    while written < n:
        ind += 1
        name = "Generated %04d" % ind
        for p in range(PERIODS):
            period = "%04d-%02d" % (2020 + p // 12, p % 12 + 1)
            for a in AREAS:
                if written >= n:
                    return
                den = rnd.randint(1000, 100000)
                num = rnd.randint(0, den)
                v = 100.0 * num / den
                out.write("%s,%s,%s,%.4f,%%,%.4f,%.4f,%d,%d\n" % (a, name, period, v, max(0.0, v - 1.5),
                                                                  min(100.0, v + 1.5), num, den))
                written += 1


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)

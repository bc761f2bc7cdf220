#!/usr/bin/env python3
"""Generates one indicator with N data points, for the streamed-export benchmark
(bench/outcomes/export.sh, docs/PERFORMANCE.md "Streamed exports").

    python3 bench/outcomes/generate_series.py 1000000 "Generated big" > /tmp/big.csv

Daily periods from 1 January 1850, each for the 17 areas of generate_points.py (the Essex areas,
the region and England), so one indicator can hold a million points. The values are made up
(a benchmark, never shipped).
"""
import datetime
import random
import sys

AREAS = ["E10000012"] + ["E070000%d" % n for n in range(66, 78)] + ["E06000033", "E06000034", "E12000006",
                                                                    "E92000001"]


def main(n, name, header):
    rnd = random.Random(7)
    out = sys.stdout
    if header:
        out.write("area_code,indicator,period,value,unit,lci_95,uci_95,numerator,denominator\n")
    day = datetime.date(1850, 1, 1)
    written = 0
    while written < n:
        period = day.isoformat()
        for a in AREAS:
            if written >= n:
                return
            den = rnd.randint(1000, 100000)
            num = rnd.randint(0, den)
            v = 100.0 * num / den
            out.write("%s,%s,%s,%.4f,%%,%.4f,%.4f,%d,%d\n" % (a, name, period, v, max(0.0, v - 1.5),
                                                              min(100.0, v + 1.5), num, den))
            written += 1
        day += datetime.timedelta(days=1)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "Generated series",
         len(sys.argv) <= 3 or sys.argv[3] != "--no-header")

#!/usr/bin/python3
"""Side by side: the same synthetic conversation through our engine and through sklearn.

Usage: /usr/bin/python3 bench/opinion/sklearn_compare.py BUILD_DIR [participants comments votes]
BUILD_DIR holds bench/opinion_gen (or pass its path via OPINION_GEN). Uses Debian's python3-sklearn.

Pipeline on both sides: column-mean imputation of missing votes, PCA to 2 components,
k-means with k=100 on the projections (base clusters), then k-means for k=2..5 on the
base centres weighted by size, choosing k by silhouette. Our side is a full engine update
(which also computes repness, consensus and priorities), timed inside opinion_gen; the
sklearn side excludes building the dense NaN matrix from the vote list.
"""
import os, re, subprocess, sys, tempfile, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.metrics import adjusted_rand_score, silhouette_score

build = sys.argv[1] if len(sys.argv) > 1 else "build"
n, m, v = (int(x) for x in (sys.argv[2:5] if len(sys.argv) >= 5 else (100000, 1000, 5000000)))
gen = os.environ.get("OPINION_GEN", os.path.join(build, "bench", "opinion", "opinion_gen"))
if not os.path.exists(gen):
    gen = os.path.join(build, "bench", "opinion_gen")

with tempfile.TemporaryDirectory() as d:
    out = subprocess.run([gen, "--participants", str(n), "--comments", str(m), "--votes", str(v),
                          "--threads", "1", "--dump", d], check=True, capture_output=True, text=True).stdout
    print(out, end="")
    ours = float(re.search(r"full update: total ([0-9.]+) s", out).group(1))
    ours_ari = float(re.search(r"ARI vs planted ([0-9.]+)", out).group(1))
    rows = np.fromfile(os.path.join(d, "rows.i32"), dtype=np.int32)
    cols = np.fromfile(os.path.join(d, "cols.i32"), dtype=np.int32)
    vals = np.fromfile(os.path.join(d, "vals.i8"), dtype=np.int8)
    planted = np.fromfile(os.path.join(d, "planted.i32"), dtype=np.int32)

dense = np.full((n, m), np.nan)
dense[rows, cols] = vals
t0 = time.perf_counter()
imputed = SimpleImputer(strategy="mean").fit_transform(dense)
t1 = time.perf_counter()
proj = PCA(n_components=2).fit_transform(imputed)
t2 = time.perf_counter()
base = KMeans(n_clusters=100, n_init=1, random_state=0).fit(proj)
t3 = time.perf_counter()
centres = base.cluster_centers_
weights = np.bincount(base.labels_, minlength=100)
best = None
for k in range(2, 6):
    km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(centres, sample_weight=weights)
    s = silhouette_score(centres, km.labels_)
    if best is None or s >= best[0]:
        best = (s, k, km.labels_)
t4 = time.perf_counter()
labels = best[2][base.labels_]
sk = t4 - t0
print(f"sklearn: impute {t1-t0:.2f} s, PCA {t2-t1:.2f} s, base k-means {t3-t2:.2f} s, "
      f"group k-means+silhouette {t4-t3:.2f} s, total {sk:.2f} s, k={best[1]}, "
      f"ARI vs planted {adjusted_rand_score(planted, labels):.4f}")
print(f"| {n:,} x {m:,}, {len(vals):,} votes | ours {ours:.3f} s (ARI {ours_ari:.4f}) | "
      f"sklearn {sk:.2f} s (ARI {adjusted_rand_score(planted, labels):.4f}) | ratio {sk/ours:.1f}x |")

#!/usr/bin/env python3
# Counts the production translation units (src/**/*.cpp, not *_test.cpp) that include the full
# <nlohmann/json.hpp>, directly or through a project header, and how many of them are handlers.
#   python3 bench/compile/json_includes.py [ROOT]   (ROOT: a checkout, default .)
import os,re,sys
root=sys.argv[1] if len(sys.argv) > 1 else "."
src=os.path.join(root,'src')
inc=re.compile(r'#include\s+[<"]([^>"]+)[>"]')
cache={}
def full(path, seen):
    if path in cache: return cache[path]
    if path in seen: return False
    seen.add(path)
    try: text=open(path).read()
    except: return False
    r=False
    for m in inc.findall(text):
        if m=='nlohmann/json.hpp': r=True; break
        p=os.path.join(src,m)
        if os.path.exists(p) and full(p,seen): r=True; break
    cache[path]=r
    return r
tus=[]
for d,_,fs in os.walk(src):
    for f in fs:
        if f.endswith('.cpp') and not f.endswith('_test.cpp'): tus.append(os.path.join(d,f))
n=sum(1 for t in tus if full(t,set()))
h=[t for t in tus if 'handler' in os.path.basename(t) or t.endswith('core_routes.cpp')]
nh=sum(1 for t in h if full(t,set()))
print(f"{root}: production TUs {len(tus)}, with full nlohmann/json.hpp {n}; handler TUs {len(h)}, with full json {nh}")

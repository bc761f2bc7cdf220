#!/usr/bin/env python3
# Usage: python3 bench/compile/flag_sample.py BUILD/compile_commands.json N "FROM" "TO"
# e.g. "/usr/bin/c++ " "/usr/bin/clang++-14 -Wno-unknown-warning-option " or " -g " " -g1 ".
# Side-by-side CPU time of a sample of translation units under two flag sets (A: as built, B: substituted).
import json, subprocess, sys, resource, re, os
cc = json.load(open(sys.argv[1])); n = int(sys.argv[2]); frm, to = sys.argv[3], sys.argv[4]
step = max(1, len(cc) // n); sample = cc[::step][:n]
def cpu(cmd, cwd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, shell=True, cwd=cwd, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
ta = tb = 0.0
for e in sample:
    cmd = re.sub(r'^.*?/usr/bin/ccache ', '', e['command'])
    cmd = re.sub(r' -Winvalid-pch -include \S+cmake_pch.hxx', '', cmd)
    cmd = re.sub(r' -o \S+', ' -o /tmp/flag_sample.o', cmd)
    other = cmd.replace(frm, to)
    a = cpu(cmd, e['directory']); b = cpu(other, e['directory']); ta += a; tb += b
    print(f"{os.path.basename(e['file'])}: A {a:.1f}s B {b:.1f}s", flush=True)
print(f"TOTAL {len(sample)} units: A {ta:.1f} s, B ({to!r}) {tb:.1f} s, ratio B/A {tb/ta:.2f}")

#!/usr/bin/env python3
"""Module boundary check (docs/ARCHITECTURE.md, "Module boundaries"). Run by `make test`.

Fails, listing file:line, on production code (src/<capability>/*.cpp|hpp, not *_test.cpp and
not test support headers) that:
  1. names another capability's table in SQL. Tables are derived from each capability's
     migrations/*.sql (CREATE TABLE, CREATE VIRTUAL TABLE). Views (CREATE VIEW) are the
     owner's published read interface and may be read by others;
  2. holds SQL outside a store file (*_store.cpp; in core also its storage and migration
     files, see CORE_SQL_FILES);
  3. opens a core::Transaction in a handler file (*_handlers.cpp): services own transactions;
  4. includes another capability's header other than its <capability>.hpp.

src/app is the composition root: only rule 4 applies there (it may include each module's
<name>.hpp). src/opinion is a pure library (no SQL, no capability) that engagement may use.

  scripts/check_boundaries.py            check the tree
  scripts/check_boundaries.py --self-test  plant one violation of each kind in a copy and
                                           require that each is reported
"""
import os
import re
import shutil
import sys
import tempfile

LIBRARIES = {"opinion"}  # pure libraries: any capability may include them
CORE_SQL_FILES = {"storage.cpp", "sqlite_storage.cpp", "pg_storage.cpp", "pool.cpp", "migrations.cpp",
                  "upsert.cpp", "backup.cpp"}

SQL_STATEMENT = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+[A-Za-z_]+\s+SET|"
    r"CREATE\s+(TABLE|INDEX|VIEW|VIRTUAL|TRIGGER)|DROP\s+(TABLE|VIEW|INDEX)|ALTER\s+TABLE)\b", re.S)
SQL_HINT = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|JOIN)\b")
# Identifiers that follow a keyword naming a table.
TABLE_REF = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)
# "FROM a x, b y": the further names of a comma-separated FROM list.
FROM_LIST = re.compile(r"\bFROM\s+([A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)?"
                       r"(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)?)+)")
CREATE_TABLE = re.compile(r"\bCREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.I)
CREATE_VIEW = re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.I)
ALTER_RENAME = re.compile(r"\bALTER\s+TABLE\s+([A-Za-z_][A-Za-z0-9_]*)\s+RENAME\s+TO\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)
DROP_TABLE = re.compile(r"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.I)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([^"]+)"')
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def capabilities(src):
    return sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)) and d not in ("app",))


def owned_objects(src):
    """{capability: (tables, views)} from migrations in version order (renames and drops applied)."""
    tables, views = {}, {}
    for cap in capabilities(src):
        mig = os.path.join(src, cap, "migrations")
        t, v = set(), set()
        if os.path.isdir(mig):
            for name in sorted(os.listdir(mig)):
                if not name.endswith(".sql"):
                    continue
                sql = re.sub(r"--[^\n]*", "", open(os.path.join(mig, name), encoding="utf-8").read())
                for stmt in sql.split(";"):
                    for m in CREATE_TABLE.finditer(stmt):
                        t.add(m.group(1).lower())
                    for m in CREATE_VIEW.finditer(stmt):
                        v.add(m.group(1).lower())
                    for m in ALTER_RENAME.finditer(stmt):
                        t.discard(m.group(1).lower())
                        t.add(m.group(2).lower())
                    for m in DROP_TABLE.finditer(stmt):
                        t.discard(m.group(1).lower())
        tables[cap], views[cap] = t, v
    # A table created in one migration and dropped (moved) by another capability's migration
    # belongs to no one any more.
    return tables, views


def strip_comments(text):
    """Blanks // and /* */ comments but keeps line breaks (and string literals) in place."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "'" and i + 2 < n and (text[i + 2] == "'" or (text[i + 1] == "\\" and i + 3 < n)):
            j = text.find("'", i + 1 if text[i + 1] != "\\" else i + 3)
            i = j + 1 if j > 0 else i + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def literals(text):
    """[(line, text)] of every string literal; adjacent literals of one statement are joined
    into one entry (the line of the first), so SQL split over several lines reads whole."""
    out, last_end = [], None
    for m in STRING.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        between = text[last_end:m.start()] if last_end is not None else None
        # joined when only whitespace, or a `+ expr +` concatenation, separates them
        if out and between is not None and re.fullmatch(r"[\s+]*|\s*\+[^;{}]*\+\s*", between):
            out[-1] = (out[-1][0], out[-1][1] + " " + m.group(1))
        else:
            out.append((line, m.group(1)))
        last_end = m.end()
    return out


def check(root):
    src = os.path.join(root, "src")
    tables, views = owned_objects(src)
    owner = {}
    for cap, ts in tables.items():
        for t in ts:
            owner[t] = cap
    caps = set(capabilities(src))
    problems = []
    for cap in sorted(caps | {"app"}):
        folder = os.path.join(src, cap)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".cpp", ".hpp")) or name.endswith("_test.cpp") or name.endswith("_test_support.hpp"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            text = strip_comments(open(path, encoding="utf-8").read())
            # 4. includes
            for i, line in enumerate(text.split("\n"), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                other, header = m.group(1), m.group(2)
                if other in (cap, "core") or other in LIBRARIES or other not in caps:
                    continue
                if header != other + ".hpp":
                    problems.append(f"{rel}:{i}: includes {other}/{header}; another capability is reached only "
                                    f"through {other}/{other}.hpp")
            if cap == "app" or cap in LIBRARIES:
                continue
            # 3. transactions in handlers
            if name.endswith("_handlers.cpp"):
                for i, line in enumerate(text.split("\n"), 1):
                    if re.search(r"\bTransaction\b", line):
                        problems.append(f"{rel}:{i}: a Transaction in a handler file; the service owns it")
            # 1 and 2. SQL
            store = name.endswith("_store.cpp") or (cap == "core" and name in CORE_SQL_FILES)
            for line, lit in literals(text):
                if not SQL_HINT.search(lit):
                    continue
                is_sql = SQL_STATEMENT.search(lit) is not None
                if is_sql and not store:
                    problems.append(f"{rel}:{line}: SQL outside a *_store.cpp file: \"{lit[:60]}\"")
                if not is_sql and not re.search(r"\b(FROM|JOIN|INTO|UPDATE)\s", lit):
                    continue
                names = {m.group(1).lower() for m in TABLE_REF.finditer(lit)}
                for m in FROM_LIST.finditer(lit):
                    for part in m.group(1).split(","):
                        names.add(part.split()[0].lower())
                for t in sorted(names):
                    o = owner.get(t)
                    if o and o != cap:
                        problems.append(f"{rel}:{line}: SQL names {o}'s table {t}; use {o}/{o}.hpp "
                                        f"(or a view {o} publishes)")
    return problems


PLANTS = [
    ("src/work/zz_planted_store.cpp",
     '#include "work/work.hpp"\nvoid f(goldthread::core::Connection& c) {\n'
     '  c.query("SELECT id FROM organisations WHERE org_id = ?", {std::string("x")});\n}\n',
     "SQL names partners's table organisations"),
    ("src/work/zz_planted_view.cpp",
     'void g(goldthread::core::Connection& c) {\n  c.query("SELECT count(*) FROM initiatives");\n}\n',
     "SQL outside a *_store.cpp file"),
    ("src/partners/zz_planted_handlers.cpp",
     'void h(goldthread::core::Connection& c) {\n  goldthread::core::Transaction tx(c);\n}\n',
     "a Transaction in a handler file"),
    ("src/accounts/zz_planted_include.cpp", '#include "places/place_views.hpp"\n',
     "includes places/place_views.hpp"),
    ("src/places/zz_planted_join_store.cpp",
     'void k(goldthread::core::Connection& c) {\n  c.query("SELECT a.id FROM ambitions a "\n'
     '          "JOIN users u ON u.id = a.id");\n}\n',
     "SQL names accounts's table users"),
]


# Must NOT be reported: a published view read from a store, SQL in a comment, a capability's
# own table.
CLEAN_PLANTS = [
    ("src/work/zz_clean_store.cpp",
     '// SELECT id FROM organisations (a comment is not SQL)\n'
     'void m(goldthread::core::Connection& c) {\n'
     '  c.query("SELECT i.id FROM initiatives i JOIN partner_organisations o ON o.organisation_id = i.id");\n}\n'),
]


def self_test(root):
    tmp = tempfile.mkdtemp(prefix="boundaries-")
    try:
        shutil.copytree(os.path.join(root, "src"), os.path.join(tmp, "src"),
                        ignore=shutil.ignore_patterns("templates", "*.mustache"))
        clean = check(tmp)
        if clean:
            print("self-test: the copied tree is not clean to begin with")
            return False
        ok = True
        for rel, content, expected in PLANTS:
            path = os.path.join(tmp, rel)
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
            found = check(tmp)
            os.remove(path)
            if not any(p.startswith(rel + ":") and expected in p for p in found):
                print(f"self-test: planted {rel} ({expected}) was NOT reported; got {found}")
                ok = False
            else:
                print(f"self-test: planted {rel} reported: {[p for p in found if p.startswith(rel)][0]}")
        for rel, content in CLEAN_PLANTS:
            path = os.path.join(tmp, rel)
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
            found = check(tmp)
            os.remove(path)
            if found:
                print(f"self-test: allowed {rel} was reported: {found}")
                ok = False
            else:
                print(f"self-test: allowed {rel} not reported")
        return ok
    finally:
        shutil.rmtree(tmp)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if "--self-test" in sys.argv[1:]:
        ok = self_test(root)
        print("self-test: " + ("every planted violation was reported" if ok else "FAILED"))
        return 0 if ok else 1
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} module boundary problem(s); see docs/ARCHITECTURE.md, \"Module boundaries\"")
        return 1
    print("module boundaries: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

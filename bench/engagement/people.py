#!/usr/bin/env python3
"""People for bench/engagement/supports.sh: N residents with a live session each, written
straight into the database the way accounts stores them (a users row; a sessions row keyed by
the SHA-256 hex of a 43-character URL-safe token), and "token csrf" a line in OUT.
  people.py ENGINE DATABASE_URL N OUT
  people.py --count ENGINE DATABASE_URL    prints "rows sum": proposal_supports, sum(proposals.supports)
ENGINE is sqlite (DATABASE_URL sqlite:FILE) or postgres (run through psql).
"""
import base64, datetime, hashlib, os, subprocess, sys


def run(engine, url, sql, fetch=False):
    if engine == "sqlite":
        import sqlite3
        c = sqlite3.connect(url.removeprefix("sqlite:"))
        if fetch:
            return " ".join(str(v) for v in c.execute(sql).fetchone())
        c.executescript(sql)
        c.commit()
        return ""
    out = subprocess.run(["psql", "-qtA", "-v", "ON_ERROR_STOP=1", url], input=sql, text=True, check=True,
                         capture_output=True).stdout
    return out.strip().replace("|", " ")


def main():
    if sys.argv[1] == "--count":
        sql = "SELECT (SELECT count(*) FROM proposal_supports), (SELECT coalesce(sum(supports), 0) FROM proposals);"
        print(run(sys.argv[2], sys.argv[3], sql, fetch=True))
        return
    engine, url, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    now = datetime.datetime.now(datetime.timezone.utc)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    created, expires = iso(now), iso(now + datetime.timedelta(days=30))
    token = lambda: base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    people = [(token(), token()) for _ in range(n)]
    sql = ["BEGIN;"]
    for start in range(0, n, 1000):
        chunk = range(start, min(n, start + 1000))
        sql.append("INSERT INTO users (email, name, password_hash, created_at, updated_at, email_verified_at) VALUES " +
                   ", ".join(f"('bench-{i}@example.org', 'Bench Person {i}', '', '{created}', '{created}', "
                             f"'{created}')" for i in chunk) + ";")
        sql.append("WITH v (h, email, csrf, a, e) AS (VALUES " +
                   ", ".join(f"('{hashlib.sha256(people[i][0].encode()).hexdigest()}', 'bench-{i}@example.org', "
                             f"'{people[i][1]}', '{created}', '{expires}')" for i in chunk) +
                   ") INSERT INTO sessions (id_hash, user_id, csrf_token, privilege_version, created_at, last_seen_at, "
                   "expires_at) SELECT v.h, u.id, v.csrf, u.privilege_version, v.a, v.a, v.e FROM users u JOIN v "
                   "ON u.email = v.email;")
    sql.append("COMMIT;")
    run(engine, url, "\n".join(sql))
    with open(out, "w") as f:
        for t, csrf in people:
            f.write(f"{t} {csrf}\n")


if __name__ == "__main__":
    main()

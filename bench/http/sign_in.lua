-- wrk script: a correct sign-in on every request, so each one verifies an argon2id hash.
-- The CSRF pair (cookie nonce and signed token) is fetched once by heavy_healthz.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "gt_csrf=" .. os.getenv("GT_CSRF_COOKIE")
wrk.body = "csrf_token=" .. os.getenv("GT_CSRF_TOKEN") .. "&email=bench%40example.org&password=" .. os.getenv("GT_PASSWORD")

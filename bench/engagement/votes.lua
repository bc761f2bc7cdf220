-- wrk script for bench/engagement/votes.sh: each request is one vote by one of 10,000
-- participants (a gt_participant cookie each) on one of the conversation's statements.
-- Env: VOTE_PATH, CSRF_COOKIE ("gt_csrf=..."), CSRF_TOKEN, STATEMENTS.
local path = os.getenv("VOTE_PATH")
local csrf_cookie = os.getenv("CSRF_COOKIE")
local token = os.getenv("CSRF_TOKEN")
local statements = tonumber(os.getenv("STATEMENTS") or "10")
local choices = { "agree", "disagree", "pass" }
local n = 0
-- A global (not a local upvalue), so setup()'s thread:set reaches each thread's request():
-- each wrk thread then votes as its own half of the 10,000 participants.
salt = 0

function setup(thread)
  salt = salt + 1
  thread:set("salt", salt)
end

function request()
  n = n + 1
  local k = n * 2 + salt - 1
  local participant = k % 10000
  local tid = math.floor(k / 10000) % statements
  local cookie = string.format("gt_participant=%08x%024d; %s", participant, 0, csrf_cookie)
  local body = "csrf_token=" .. token .. "&tid=" .. tid .. "&vote=" .. choices[(k % 3) + 1]
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

local acked, refused = 0, 0
function response(status)
  if status == 303 then acked = acked + 1 else refused = refused + 1 end
end

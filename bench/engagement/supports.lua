-- wrk script for bench/engagement/supports.sh: each request is one support by one of the
-- signed-in people in PEOPLE_FILE ("token csrf" a line), from that person's own address,
-- on proposal 1 + (k / people) % PROPOSALS, so no person supports the same proposal twice
-- until every person has supported once more.
local people = {}
for line in io.lines(os.getenv("PEOPLE_FILE")) do
  local token, csrf = line:match("^(%S+) (%S+)$")
  people[#people + 1] = { token, csrf }
end
local proposals = tonumber(os.getenv("PROPOSALS") or "1000")
local n, threads = 0, 0
-- A global, not a local: thread:set writes the thread's globals, and each thread needs its
-- own offset or two threads would send the same (person, proposal) pairs.
salt = 0

function setup(thread)
  threads = threads + 1
  thread:set("salt", threads)
end

function init(args)
  n = 0
end

function request()
  n = n + 1
  local k = n * 2 + salt - 1
  local i = k % #people
  local proposal = 1 + math.floor(k / #people) % proposals
  local who = people[i + 1]
  local body = "csrf_token=" .. who[2]
  return wrk.format("POST", "/proposals/" .. proposal .. "/support", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "gt_session=" .. who[1],
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256),
  }, body)
end

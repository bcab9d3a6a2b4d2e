-- wrk script: start+complete lifecycles of a user-task model over loopback.
-- Each thread keeps a queue of "complete" targets taken from the start answers (the template embedded in
-- the instance, so the client builds no URI), and sends them before starting new instances.
-- Signs in with the Authorization header in HBPM_AUTH_HEADER (wrk's Lua has no base64), e.g. the first administrator's:
-- usage: HBPM_AUTH_HEADER="Basic $(printf admin:bench-admin-password | base64)" wrk -t2 -c100 -d15s -s bench/wrk/lifecycle.lua http://127.0.0.1:5099/processes/user-task-with-form/instances
pending = {}
completed = 0
started = 0
errors = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  start_path = wrk.path
  auth = os.getenv("HBPM_AUTH_HEADER")
end

local function headers()
  local h = { ["Content-Type"] = "application/json", ["Accept"] = "application/hal+json" }
  if auth then
    h["Authorization"] = auth
  end
  return h
end

function request()
  local target = table.remove(pending)
  if target then
    return wrk.format("POST", target, headers(), '{"approved":true}')
  end
  return wrk.format("POST", start_path, headers(), '{"amount":42}')
end

function response(status, headers, body)
  if status == 201 then
    started = started + 1
    local target = body:match('"complete":{[^}]-"target":"([^"]+)"')
    if target then table.insert(pending, target) end
  elseif status == 200 then
    completed = completed + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local c, s, e = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("completed"); s = s + t:get("started"); e = e + t:get("errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("lifecycles=%d started=%d errors=%d lifecycles/s=%.0f\n", c, s, e, c / seconds))
  io.write(string.format("request latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

-- wrk script for bench/scan-load.sh: POST /api/v1/scans as random seeded persons at random
-- places, each with a temperature (so every scan is recorded: no dedup window applies) and a
-- unique clientScanId. Counts answers by status; done() prints them for the driver script.
local dir = os.getenv("SCAN_LOAD_DIR") or "target/scan-load"
local tokens, codes = {}, {}
for line in io.lines(dir .. "/tokens.txt") do tokens[#tokens + 1] = line end
for line in io.lines(dir .. "/codes.txt") do codes[#codes + 1] = line end

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

local counter = 0
created, replayed, refused, other = 0, 0, 0, 0

function init(args)
  math.randomseed(os.time() * 100 + tid)
  run = tostring(os.time())
end

function request()
  counter = counter + 1
  local body = string.format('{"code":"%s","temperature":%.1f,"clientScanId":"w%s-%d-%d"}',
    codes[math.random(#codes)], 36.0 + math.random(0, 9) / 10, run, tid, counter)
  return wrk.format("POST", "/api/v1/scans",
    { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  elseif status == 503 then refused = refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, r, s, o = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created"); r = r + thread:get("replayed")
    s = s + thread:get("refused"); o = o + thread:get("other")
  end
  io.write(string.format("STATUS created=%d replayed=%d refused503=%d other=%d\n", c, r, s, o))
  io.write(string.format("LATENCY p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d status=%d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("DURATION_S %.2f\n", summary.duration / 1e6))
end

-- wrk script for bench/stats.sh: each connection waits PACED_DELAY_MS between an answer and its
-- next request, so the run offers a steady rate well below saturation (connections / delay)
-- instead of driving the service flat out. wrk times a request from when it is written, so
-- the wait is not part of the latency.
local pause = tonumber(os.getenv("PACED_DELAY_MS") or "40")

function delay()
  return pause
end

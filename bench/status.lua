-- wrk script: send wrk's usual request (URL and -H headers) and count the responses whose status is
-- not the expected one. wrk itself only counts statuses of 400 and above as errors, so without this
-- a 200 would pass for a 304.
-- Usage: wrk ... -s bench/status.lua http://127.0.0.1:8089/path -- 304
-- Prints "Unexpected statuses: N (last: S)" after wrk's report.
-- Each wrk thread has its own Lua state: the counters are globals there, and done() (which runs in
-- the main state) collects them through the thread objects that setup() kept.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  expected = tonumber(args[1])
  if expected == nil then
    error("status.lua: pass the expected status after --")
  end
  unexpected = 0
  last_unexpected = 0
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    last_unexpected = status
  end
end

function done(summary, latency, requests)
  local total, last = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
    if thread:get("last_unexpected") ~= 0 then
      last = thread:get("last_unexpected")
    end
  end
  io.write(string.format("Unexpected statuses: %d (last: %d)\n", total, last))
end

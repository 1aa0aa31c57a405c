-- wrk script: keep change-feed long polls parked, one per connection.
-- Usage: wrk -c N ... --timeout 40s -s bench/poll.lua http://127.0.0.1:8089 -- KEY CURSOR [WAIT]
--   KEY     the API key to send as "Authorization: Bearer KEY" (the change feed is for partners)
--   CURSOR  the cursor at the head of the feed (URL-safe), so that each poll waits for a change that
--           does not come: GET /api/v1/changes?cursor=CURSOR&wait=WAIT answers an empty page after WAIT s
--   WAIT    seconds, default 30 (the most the API allows)
-- When a poll is answered with changes (a scheduled article fell due during the run), the thread moves its
-- cursor to the page's "next", so that its following polls park again instead of returning at once.
-- Prints after wrk's report: "Polls: T answered, E empty after the wait, C with changes, O other statuses".

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

local base, cursor, wait

function init(args)
  local key
  key, cursor, wait = args[1], args[2], args[3] or "30"
  if key == nil or cursor == nil then
    error("poll.lua: pass KEY CURSOR [WAIT] after --")
  end
  wrk.headers["Authorization"] = "Bearer " .. key
  base = "/api/v1/changes?limit=1000&wait=" .. wait .. "&cursor="
  answered, empty, changed, other = 0, 0, 0, 0
end

function request()
  return wrk.format("GET", base .. cursor)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    other = other + 1
  elseif body:find('"items":[]', 1, true) then
    empty = empty + 1
  else
    changed = changed + 1
    local next_cursor = body:match('"next":"([^"]+)"')
    if next_cursor and next_cursor:match("^[%w%-_.~]+$") then
      cursor = next_cursor
    end
  end
end

function done(summary, latency, requests)
  local totals = { answered = 0, empty = 0, changed = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format("Polls: %d answered, %d empty after the wait, %d with changes, %d other statuses\n",
    totals.answered, totals.empty, totals.changed, totals.other))
end

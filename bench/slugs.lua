-- wrk script: GET /api/v1/articles/{slug}, rotating through the slugs in a file, one per line.
-- Usage: wrk ... -s bench/slugs.lua http://127.0.0.1:8089 -- /path/to/slugs.txt
-- Headers given to wrk with -H (such as Authorization) are sent too: wrk.format() adds wrk.headers.
-- Each wrk thread runs its own copy of this script, so each thread reads the file itself.

local slugs = {}
local next_index = 0

function init(args)
  local path = args[1]
  if path == nil then
    error("slugs.lua: pass the slug file after --")
  end
  for line in io.lines(path) do
    if line ~= "" then
      slugs[#slugs + 1] = line
    end
  end
  if #slugs == 0 then
    error("slugs.lua: no slugs in " .. path)
  end
end

function request()
  next_index = next_index % #slugs + 1
  return wrk.format("GET", "/api/v1/articles/" .. slugs[next_index])
end

-- wrk script: GET a path containing {slug}, rotating through the slugs in a file, one per line.
-- Usage: wrk ... -s bench/slugs.lua http://127.0.0.1:8089 -- /path/to/slugs.txt [PATH]
-- PATH defaults to /api/v1/articles/{slug}; {slug} is replaced by each slug in turn.
-- Headers given to wrk with -H (such as Authorization) are sent too: wrk.format() adds wrk.headers.
-- Each wrk thread runs its own copy of this script, so each thread reads the file itself.

local slugs = {}
local next_index = 0
local template = "/api/v1/articles/{slug}"

function init(args)
  local path = args[1]
  if path == nil then
    error("slugs.lua: pass the slug file after --")
  end
  if args[2] ~= nil then
    template = args[2]
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
  -- A function as the replacement, so that nothing in a slug is read as a pattern.
  local path = template:gsub("{slug}", function() return slugs[next_index] end)
  return wrk.format("GET", path)
end

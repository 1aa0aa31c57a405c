-- wrk script: GET one article per request, its slug drawn from every public article of the catalogue,
-- either popularity-skewed (Zipf, s = 1) or uniformly.
-- Usage: wrk ... -s bench/catalogue.lua http://127.0.0.1:8089 -- SLUG_FILE MODE SEED [PATH]
--    or: wrk -tT ... -s bench/catalogue.lua http://127.0.0.1:8089 -- SLUG_FILE each T [PATH]
--   SLUG_FILE  one slug per line, in rank order: line 1 is the most popular article. bench/run.sh dumps the
--              public slugs ordered by md5(seed || slug), a random permutation fixed by a constant seed, so
--              the same articles are the popular ones in every run and in bench/OpenLoad.java.
--   MODE       zipf: the slug of rank k comes with probability (1/k) / H(N), H(N) = 1 + 1/2 + ... + 1/N;
--              uniform: every slug with probability 1/N;
--              each: every slug once, in file order, shared out between wrk's T threads (give T in place of
--              SEED): thread i takes lines i, i + T, ..., then starts again. bench/Measure.java uses it to have every
--              article read (and its rendition stored) before measuring, as a catalogue read for a while has been.
--   SEED       a whole number; thread i seeds its random generator with SEED * 1000 + i, so the threads
--              draw different sequences and a run with the same seed draws the same ones. Give every run its
--              own seed (bench/Measure.java does): a run that repeats the seed of the one before reads the same
--              articles, which a memory cache still holds.
--   PATH       defaults to /api/v1/articles/{slug}; {slug} is replaced by the slug drawn.
-- Headers given to wrk with -H are sent too (wrk.format() adds wrk.headers).
-- Each wrk thread has its own Lua state: each reads the file and builds its own table of cumulative
-- probabilities (N doubles), then draws with one binary search per request.

local threads = 0

-- Runs in wrk's main Lua state, once per thread and before that thread's init(): number the threads.
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local slugs = {}
local n = 0
local cdf = nil          -- cdf[k] = P(rank <= k), only for zipf
local prefix, suffix = "/api/v1/articles/", ""
local each = false       -- each: the next line this thread asks for, and its stride
local next_line, stride = 1, 1

function init(args)
  local file, mode, seed, template = args[1], args[2], tonumber(args[3]), args[4] or "/api/v1/articles/{slug}"
  if file == nil or (mode ~= "zipf" and mode ~= "uniform" and mode ~= "each") or seed == nil then
    error("catalogue.lua: pass SLUG_FILE zipf|uniform SEED [PATH] or SLUG_FILE each THREADS [PATH] after --")
  end
  if mode == "each" then
    each, next_line, stride = true, thread_number or 1, seed
  end
  local at = template:find("{slug}", 1, true)
  if at == nil then
    error("catalogue.lua: the path has no {slug}")
  end
  prefix, suffix = template:sub(1, at - 1), template:sub(at + #"{slug}")
  for line in io.lines(file) do
    if line ~= "" then
      n = n + 1
      slugs[n] = line
    end
  end
  if n == 0 then
    error("catalogue.lua: no slugs in " .. file)
  end
  if mode == "zipf" then
    cdf = {}
    local h = 0
    for k = 1, n do
      h = h + 1 / k
      cdf[k] = h
    end
    for k = 1, n do
      cdf[k] = cdf[k] / h
    end
    cdf[n] = 1.0         -- no rounding gap at the end
  end
  math.randomseed(seed * 1000 + (thread_number or 0))
end

-- The smallest rank k with cdf[k] > u, for u uniform in [0, 1): rank k comes with probability cdf[k] - cdf[k-1].
local function zipf_rank()
  local u = math.random()
  local lo, hi = 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] > u then
      hi = mid
    else
      lo = mid + 1
    end
  end
  return lo
end

function request()
  local k
  if each then
    if next_line > n then
      next_line = next_line - n
    end
    k = next_line
    next_line = next_line + stride
  elseif cdf then
    k = zipf_rank()
  else
    k = math.random(n)
  end
  return wrk.format("GET", prefix .. slugs[k] .. suffix)
end

-- bench/run.py's script for wrk: GETs the paths listed in $BENCH_PATHS (one a line) in turn,
-- from line $BENCH_OFFSET on, with the Cookie header $BENCH_COOKIE, and writes a JSON summary
-- to $BENCH_OUT: requests, errors, duration and every latency value with its count (wrk keeps
-- them in a histogram of microseconds), so that runs of a page can be merged exactly.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end
local cookie = os.getenv("BENCH_COOKIE") or ""
local n = tonumber(os.getenv("BENCH_OFFSET") or "0")

request = function()
  n = n + 1
  local headers = {}
  if cookie ~= "" then
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", paths[(n - 1) % #paths + 1], headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d, "latency": [',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout
  ))
  for i = 1, #latency do
    local value, count = latency(i)
    out:write(string.format('%s[%d, %d]', i > 1 and ", " or "", value, count))
  end
  out:write("]}\n")
  out:close()
end

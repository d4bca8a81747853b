-- wrk script: POST the newCall body (env BODY) with its signature (env SIGNATURE, optional)
-- and print one JSON line with throughput, latency percentiles and errors.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
-- X-Forwarded-For (env FORWARDED_FOR, optional): one of sipgate's addresses for Node's
-- origin check; our server ignores it unless an allow list trusts the proxy.
local forwarded = os.getenv("FORWARDED_FOR")
if forwarded and forwarded ~= "" then
  wrk.headers["X-Forwarded-For"] = forwarded
end
local signature = os.getenv("SIGNATURE")
if signature and signature ~= "" then
  wrk.headers["X-Sipgate-Signature"] = signature
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end

-- wrk (URL ending in /v1/activity): POST a batch of 1,000 events (the body file after `--`); ids are server-made,
-- so every request writes 1,000 new rows. The token comes from WM_SERVICE_TOKEN.
function init(args)
    local file = assert(io.open(args[1], "r"))
    wrk.body = file:read("*a")
    file:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("WM_SERVICE_TOKEN")
end

-- wrk: GET /v1/users/{id}/working-memory for a random seeded user per request.
-- Arguments after `--`: the file of user ids (one a line). The token comes from WM_SERVICE_TOKEN.
local ids = {}
local headers = { ["Authorization"] = "Bearer " .. os.getenv("WM_SERVICE_TOKEN") }

function init(args)
    for line in io.lines(args[1]) do ids[#ids + 1] = line end
    math.randomseed(os.time() + tonumber(tostring(ids):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
    return wrk.format("GET", "/v1/users/" .. ids[math.random(#ids)] .. "/working-memory", headers)
end

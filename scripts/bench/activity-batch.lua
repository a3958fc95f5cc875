-- wrk script: POST /v1/activity with a batch of 1,000 events for random users of $WM_LOAD_USERS.
-- Events carry no id, so the service generates one per event: every request writes 1,000 new rows.
math.randomseed(os.time())
local users = {}
for line in io.lines(os.getenv("WM_LOAD_USERS")) do users[#users + 1] = line end
local headers = {
    ["Authorization"] = "Bearer " .. os.getenv("WM_SERVICE_TOKEN"),
    ["Content-Type"] = "application/json",
}

local function batch()
    local events = {}
    for i = 1, 1000 do
        events[i] = string.format(
            '{"user_id":"%s","event_type":"platform_synced","summary":"load test %d","metadata":{"item_count":%d}}',
            users[math.random(#users)], i, i)
    end
    return "[" .. table.concat(events, ",") .. "]"
end

-- A few prepared bodies, rotated: building 1,000 events per request would load wrk more than the service.
local bodies = {}
function init()
    for i = 1, 8 do bodies[i] = batch() end
end

local next_body = 0
function request()
    next_body = next_body % #bodies + 1
    return wrk.format("POST", "/v1/activity", headers, bodies[next_body])
end

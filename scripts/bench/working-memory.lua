-- wrk script: GET /v1/users/{id}/working-memory for a random user of $WM_LOAD_USERS, with the bearer token.
-- Accept is $WM_LOAD_ACCEPT (default application/json). wrk reports answers other than 2xx as "Non-2xx".
math.randomseed(os.time())
local users = {}
for line in io.lines(os.getenv("WM_LOAD_USERS")) do users[#users + 1] = line end
local headers = {
    ["Authorization"] = "Bearer " .. os.getenv("WM_SERVICE_TOKEN"),
    ["Accept"] = os.getenv("WM_LOAD_ACCEPT") or "application/json",
}

function request()
    return wrk.format("GET", "/v1/users/" .. users[math.random(#users)] .. "/working-memory", headers)
end

-- mod_imptech_signup: phone-number signup and device (re-)binding over HTTPS.
-- Contract: DESIGN.md §5 and server/README.md. Base path: /signup/v1/
--
--   GET  /signup/v1/config
--   POST /signup/v1/code    {phone, purpose, install_id}
--   POST /signup/v1/verify  {phone, code, install_id, password, device, consent, guardian?}
--
-- Privacy: phone numbers are stored only as HMAC-SHA256(server secret, phone); codes only as
-- HMAC-SHA256(server secret, phone-hash|purpose|code). Logs show masked numbers, never codes.

module:depends("http");

local json = require "util.json";
local st = require "util.stanza";
local hashes = require "util.hashes";
local base64 = require "util.encodings".base64;
local usermanager = require "core.usermanager";
local http_client = require "net.http";
local jid_join = require "util.jid".join;

local common = module:require "imptech_common";

local host = module.host;
local secret = common.get_secret(module);
local stores = common.stores(module);
local codes = module:open_store("imptech_codes");

local sms_gateway = module:get_option_string("imptech_sms_gateway", "file:" .. (prosody.paths.data or ".") .. "/sms.txt");
local code_ttl = module:get_option_number("imptech_code_ttl", 300);
local resend_interval = module:get_option_number("imptech_resend_interval", 60);
local max_attempts = module:get_option_number("imptech_code_attempts", 5);
local quota_number = module:get_option_number("imptech_quota_per_number_hour", 5);
local quota_ip = module:get_option_number("imptech_quota_per_ip_hour", 20);
local quota_install = module:get_option_number("imptech_quota_per_install_hour", 10);
local verify_quota_ip = module:get_option_number("imptech_verify_quota_per_ip_hour", 120);
local min_version = module:get_option_string("imptech_min_version", "0.1.0");
local latest_version = module:get_option_string("imptech_latest_version", min_version);
local agreement = {
	id = module:get_option_string("imptech_agreement_id", "imptech-agreement");
	version = module:get_option_number("imptech_agreement_version", 1);
	sha256 = module:get_option_string("imptech_agreement_sha256",
		"c4a3199962dcf474d8691a0f008b6837ee2680368784734e1a9557b7009f728e");
};

-- The stream error that signs out a device whose account was re-bound elsewhere.
-- Clients detect it by the <signed-out xmlns='urn:imptech:account:0'/> child (stable);
-- <conflict/> is the RFC 6120 condition and the text is for humans.
local SIGNOUT_TEXT = "your account was signed in on another device";
local function signout_error()
	local ns = "urn:ietf:params:xml:ns:xmpp-streams";
	return st.stanza("stream:error")
		:tag("conflict", { xmlns = ns }):up()
		:tag("text", { xmlns = ns, ["xml:lang"] = "en" }):text(SIGNOUT_TEXT):up()
		:tag("signed-out", { xmlns = "urn:imptech:account:0", reason = "rebound" }):up();
end

local window = common.new_window(3600);
local last_send = {}; -- phone hash -> time of the last send (resend interval)

---------------------------------------------------------------- HTTP helpers
local function reply(event, status, body, headers)
	local response = event.response;
	response.status_code = status;
	response.headers.content_type = "application/json";
	response.headers.cache_control = "no-store";
	for k, v in pairs(headers or {}) do response.headers[k] = v; end
	return response:send(json.encode(body));
end

local function rate_limited(event, retry_after)
	retry_after = math.max(1, math.ceil(retry_after));
	return reply(event, 429, { error = "rate_limited", retry_after = retry_after },
		{ retry_after = tostring(retry_after) });
end

local function parse_version(v)
	if type(v) ~= "string" then return nil; end
	local a, b, c = v:match("^%s*v?(%d+)%.(%d+)%.?(%d*)");
	if not a then return nil; end
	return { tonumber(a), tonumber(b), tonumber(c) or 0 };
end

-- Semver compare on major.minor.patch (pre-release/build suffixes are ignored).
local function version_less(a, b)
	for i = 1, 3 do
		if a[i] ~= b[i] then return a[i] < b[i]; end
	end
	return false;
end

local min_parsed = assert(parse_version(min_version), "imptech_min_version is not a version");

-- A missing header is allowed (curl, other XMPP clients); a present but old one gets 426.
local function client_outdated(event)
	local v = event.request.headers.x_imptech_client_version;
	if not v then return false; end
	local parsed = parse_version(v);
	return parsed == nil or version_less(parsed, min_parsed);
end

local function read_json(event)
	local body = event.request.body;
	if type(body) ~= "string" or #body == 0 or #body > 16384 then return nil; end
	local ok, data = pcall(json.decode, body);
	if not ok or type(data) ~= "table" then return nil; end
	return data;
end

local function nonempty(s, max)
	return type(s) == "string" and #s > 0 and #s <= (max or 256);
end

local function client_ip(event)
	return event.request.ip or "?";
end

---------------------------------------------------------------- SMS gateway
local function send_sms(phone, code, purpose)
	local kind, target = sms_gateway:match("^(%a+):(.+)$");
	if kind == "file" then
		local f, err = io.open(target, "a");
		if not f then
			module:log("error", "SMS gateway file cannot be opened: %s", err);
			return false;
		end
		f:write(phone, " ", code, " ", purpose, "\n");
		f:close();
		return true;
	elseif kind == "http" then
		-- Fire and forget: the client gets 202 either way; failures are logged (masked).
		local masked = common.mask_phone(phone);
		http_client.request(target, {
			method = "POST";
			headers = { ["Content-Type"] = "application/json" };
			body = json.encode({ phone = phone, code = code, purpose = purpose });
		}, function (_, status)
			if type(status) ~= "number" or status < 200 or status >= 300 then
				module:log("error", "SMS provider refused the message to %s (status %s)", masked, tostring(status));
			else
				module:log("debug", "SMS provider accepted the message to %s", masked);
			end
		end);
		return true;
	end
	module:log("error", "imptech_sms_gateway must start with file: or http:");
	return false;
end

---------------------------------------------------------------- codes
local function code_key(phone_hash, purpose)
	return phone_hash .. "_" .. purpose;
end

local function code_hash(key, code)
	return hashes.hmac_sha256(secret, "code:" .. key .. ":" .. code, true);
end

-- Checks a code without consuming it. Returns true, or status, body.
local function check_code(phone_hash, purpose, code, which)
	local key = code_key(phone_hash, purpose);
	local rec = codes:get(key);
	local now = os.time();
	if not rec then
		return 410, { error = "code_expired", reason = "no_code", which = which };
	elseif rec.used then
		return 410, { error = "code_expired", reason = "used", which = which };
	elseif now >= rec.expires then
		return 410, { error = "code_expired", reason = "expired", which = which };
	elseif rec.attempts_left <= 0 then
		return 410, { error = "code_expired", reason = "attempts_exhausted", which = which };
	end
	if hashes.equals(code_hash(key, code), rec.hash) then
		return true;
	end
	rec.attempts_left = rec.attempts_left - 1;
	codes:set(key, rec);
	return 401, { error = "wrong_code", attempts_left = rec.attempts_left, which = which };
end

local function consume_code(phone_hash, purpose)
	local key = code_key(phone_hash, purpose);
	local rec = codes:get(key);
	if rec then
		rec.used = true;
		rec.hash = nil;
		codes:set(key, rec);
	end
end

---------------------------------------------------------------- accounts
local function sign_out_sessions(username)
	local user = prosody.hosts[host].sessions[username];
	if not (user and user.sessions) then return 0; end
	local list = {};
	for _, session in pairs(user.sessions) do list[#list + 1] = session; end
	for _, session in ipairs(list) do
		session:close(signout_error());
	end
	return #list;
end

local function new_username()
	for _ = 1, 20 do
		local name = "u" .. common.random_string(common.BASE32, 12);
		if not usermanager.user_exists(name, host) then return name; end
	end
	error("could not find a free username");
end

local function new_imptech_id()
	for _ = 1, 50 do
		local id = "imp_" .. common.random_string(common.ALNUM, 8);
		if not stores.ids:get(common.id_key(id)) then return id; end
	end
	error("could not find a free IMpTech ID");
end

local function valid_password(pw)
	if type(pw) ~= "string" or #pw > 1024 then return false; end
	local norm = pw:gsub("-", "+"):gsub("_", "/"):gsub("=+$", "");
	if not norm:match("^[A-Za-z0-9+/]+$") then return false; end
	norm = norm .. string.rep("=", (4 - #norm % 4) % 4);
	local raw = base64.decode(norm);
	return raw ~= nil and #raw >= 32;
end

local MINOR_BRACKETS = { minor = true, child = true };

---------------------------------------------------------------- handlers
-- Where clients reach XMPP: announced here so the app needs one address (this API's).
local function first_port(option, default)
	local ports = module:context("*"):get_option_array(option);
	return tonumber(ports and ports[1]) or default;
end

local function handle_config(event)
	return reply(event, 200, {
		min_version = min_version;
		latest_version = latest_version;
		agreement = agreement;
		xmpp = {
			domain = module.host;
			c2s_port = first_port("c2s_ports", 5222);
			direct_tls_port = first_port("c2s_direct_tls_ports", 5223);
		};
	});
end

local function handle_code(event)
	local data = read_json(event);
	if not data then return reply(event, 400, { error = "invalid_request" }); end
	if client_outdated(event) then
		return reply(event, 426, { error = "client_outdated", min_version = min_version });
	end
	local phone, purpose, install_id = data.phone, data.purpose, data.install_id;
	if not common.valid_phone(phone) then
		return reply(event, 400, { error = "invalid_phone" });
	end
	if purpose ~= "account" and purpose ~= "guardian" then
		return reply(event, 400, { error = "invalid_request", field = "purpose" });
	end
	if not nonempty(install_id, 128) then
		return reply(event, 400, { error = "invalid_request", field = "install_id" });
	end

	local now = os.time();
	local ph = common.phone_hash(secret, phone);
	local ip = client_ip(event);
	local last = last_send[ph];
	if last and now - last < resend_interval then
		return rate_limited(event, resend_interval - (now - last));
	end
	local wait = window.check("n:" .. ph, quota_number, now)
		or window.check("i:" .. ip, quota_ip, now)
		or window.check("d:" .. install_id, quota_install, now);
	if wait then
		module:log("info", "Code request for %s rate limited (hourly quota)", common.mask_phone(phone));
		return rate_limited(event, wait);
	end

	local code = common.random_code();
	local key = code_key(ph, purpose);
	codes:set(key, {
		hash = code_hash(key, code);
		expires = now + code_ttl;
		attempts_left = max_attempts;
		sent_at = now;
	});
	if not send_sms(phone, code, purpose) then
		codes:set(key, nil);
		return reply(event, 503, { error = "sms_unavailable" });
	end
	last_send[ph] = now;
	window.add("n:" .. ph, now);
	window.add("i:" .. ip, now);
	window.add("d:" .. install_id, now);
	module:log("info", "Sent %s code to %s", purpose, common.mask_phone(phone));
	return reply(event, 202, { retry_after = resend_interval, expires_in = code_ttl });
end

local function handle_verify(event)
	local now = os.time();
	local ip = client_ip(event);
	local data = read_json(event);
	if not data then return reply(event, 400, { error = "invalid_request" }); end
	if client_outdated(event) then
		return reply(event, 426, { error = "client_outdated", min_version = min_version });
	end
	local wait = window.check("v:" .. ip, verify_quota_ip, now);
	if wait then return rate_limited(event, wait); end
	window.add("v:" .. ip, now);

	local phone, code = data.phone, data.code;
	if not common.valid_phone(phone) then return reply(event, 400, { error = "invalid_phone" }); end
	local function bad(field) return reply(event, 400, { error = "invalid_request", field = field }); end
	if type(code) ~= "string" or not code:match("^%d%d%d%d%d%d$") then return bad("code"); end
	if not nonempty(data.install_id, 128) then return bad("install_id"); end
	if not valid_password(data.password) then return bad("password"); end
	local device = data.device;
	if type(device) ~= "table" or not nonempty(device.id, 128) or not nonempty(device.name, 128)
		or not nonempty(device.platform, 64) then
		return bad("device");
	end
	local consent = data.consent;
	if type(consent) ~= "table" then return bad("consent"); end

	local ph = common.phone_hash(secret, phone);
	local existing = stores.phones:get(ph);
	local username = existing and existing.username;
	local account = username and stores.account:get(username);
	if username and not account then username = nil; end

	local is_minor = MINOR_BRACKETS[consent.age_bracket] == true;
	local guardian = data.guardian;
	local needs_guardian = is_minor and not (account and account.minors_mode and account.guardian_bound);
	local gph;
	if needs_guardian then
		if guardian == nil then
			return reply(event, 400, { error = "guardian_required" });
		end
		if type(guardian) ~= "table" or not common.valid_phone(guardian.phone) or guardian.phone == phone then
			return bad("guardian.phone");
		end
		if type(guardian.code) ~= "string" or not guardian.code:match("^%d%d%d%d%d%d$") then
			return bad("guardian.code");
		end
		gph = common.phone_hash(secret, guardian.phone);
	end

	local status, body = check_code(ph, "account", code, "account");
	if status ~= true then
		if status == 401 then
			module:log("info", "Wrong code for %s (%d attempts left)", common.mask_phone(phone), body.attempts_left);
		end
		return reply(event, status, body);
	end
	if needs_guardian then
		status, body = check_code(gph, "guardian", guardian.code, "guardian");
		if status ~= true then return reply(event, status, body); end
	end
	consume_code(ph, "account");
	if needs_guardian then consume_code(gph, "guardian"); end

	local receipt = { source = "signup", received_at = now, consent = consent, install_id = data.install_id };
	local http_status;
	if account then
		-- Re-bind: sign the old device out first, then replace the password. Signing out first
		-- means mod_c2s's own "Password changed" handler finds no session to close.
		local kicked = sign_out_sessions(username);
		local ok, err = usermanager.set_password(username, data.password, host);
		if not ok then
			module:log("error", "Could not set password on re-bind: %s", tostring(err));
			return reply(event, 500, { error = "internal" });
		end
		account.device = { id = device.id, name = device.name, platform = device.platform };
		account.install_id = data.install_id;
		account.rebound_at = now;
		http_status = 200;
		module:log("info", "Re-bound account of %s to a new device; signed out %d session(s)",
			common.mask_phone(phone), kicked);
	else
		username = new_username();
		local ok, err = usermanager.create_user(username, data.password, host);
		if not ok then
			module:log("error", "Could not create user: %s", tostring(err));
			return reply(event, 500, { error = "internal" });
		end
		local imptech_id = new_imptech_id();
		account = {
			imptech_id = imptech_id;
			id_changed = false;
			findable_by_phone = false;
			minors_mode = false;
			phone_hash = ph;
			created_at = now;
			install_id = data.install_id;
			device = { id = device.id, name = device.name, platform = device.platform };
		};
		stores.ids:set(common.id_key(imptech_id), { username = username });
		stores.phones:set(ph, { username = username });
		http_status = 201;
		module:log("info", "Created account %s for %s", username, common.mask_phone(phone));
	end
	if is_minor then
		account.minors_mode = true;
		account.findable_by_phone = false;
	end
	if needs_guardian then
		account.guardian_bound = true;
		common.append_receipt(stores.guardian, username, {
			guardian_phone_hash = gph;
			time = now;
			consent = consent;
		});
	end
	stores.account:set(username, account);
	common.append_receipt(stores.consent, username, receipt);

	return reply(event, http_status, { jid = jid_join(username, host), imptech_id = account.imptech_id });
end

module:provides("http", {
	name = "imptech_signup";
	default_path = "/signup/v1";
	route = {
		["GET /config"] = handle_config;
		["POST /code"] = handle_code;
		["POST /verify"] = handle_verify;
	};
});

module:log("info", "IMpTech signup API ready (SMS gateway: %s)", sms_gateway:match("^%a+") or "?");

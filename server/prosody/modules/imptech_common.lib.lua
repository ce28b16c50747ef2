-- Shared helpers for the IMpTech modules (module:require "imptech_common" loads this file).
-- Holds: the per-server secret, phone hashing, masking, ID rules, random identifiers,
-- and the account record store layout (see server/README.md "Storage layout").

local hashes = require "util.hashes";
local random = require "util.random";
local hex = require "util.hex";

local _M = {};

-- E.164: "+", a non-zero digit, then 6..14 digits (7..15 digits in all).
function _M.valid_phone(phone)
	return type(phone) == "string" and phone:match("^%+[1-9]%d%d%d%d%d%d+$") ~= nil and #phone <= 16;
end

-- "+8613812348000" -> "+86138****8000". Never log a phone in any other form.
function _M.mask_phone(phone)
	if type(phone) ~= "string" then return "<none>"; end
	if #phone >= 12 then
		return phone:sub(1, 6) .. "****" .. phone:sub(-4);
	end
	return phone:sub(1, 3) .. "****" .. phone:sub(-2);
end

-- The per-server secret used for phone HMACs and code hashes. Taken from the config option
-- `imptech_secret` when set, else generated once and kept in host storage.
function _M.get_secret(module)
	local configured = module:get_option_string("imptech_secret");
	if configured and #configured >= 16 then return configured; end
	local store = module:open_store("imptech_secret");
	local rec = store:get(nil);
	if rec and rec.secret then return hex.decode(rec.secret); end
	local secret = random.bytes(32);
	assert(store:set(nil, { secret = hex.encode(secret) }));
	return secret;
end

function _M.phone_hash(secret, phone)
	return hashes.hmac_sha256(secret, "phone:" .. phone, true);
end

-- Uniform random integer in [0, n) for n <= 256, by rejection sampling.
local function rand_below(n)
	local limit = 256 - (256 % n);
	while true do
		local b = random.bytes(1):byte();
		if b < limit then return b % n; end
	end
end
_M.rand_below = rand_below;

function _M.random_string(alphabet, len)
	local out = {};
	for i = 1, len do
		local k = rand_below(#alphabet) + 1;
		out[i] = alphabet:sub(k, k);
	end
	return table.concat(out);
end

-- 6 decimal digits, uniform, from the CSPRNG.
function _M.random_code()
	while true do
		local b1, b2, b3 = random.bytes(3):byte(1, 3);
		local n = b1 * 65536 + b2 * 256 + b3; -- 0 .. 16777215
		if n < 16000000 then
			return string.format("%06d", n % 1000000);
		end
	end
end

-- IMpTech ID rules: 6-20 chars, starts with a letter, [A-Za-z0-9_-].
function _M.valid_imptech_id(id)
	return type(id) == "string" and #id >= 6 and #id <= 20
		and id:match("^[A-Za-z][A-Za-z0-9_%-]*$") ~= nil;
end

-- IDs are unique case-insensitively; the index key is the lower-cased ID.
function _M.id_key(id)
	return id:lower();
end

_M.BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
_M.ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

-- Stores (same names in every module on the host, so they share data):
--   imptech_account  (user -> { imptech_id, id_changed, findable_by_phone, minors_mode,
--                               phone_hash, nickname, device, created_at, rebound_at })
--   imptech_phones   (phone HMAC -> { username })
--   imptech_ids      (lower-cased IMpTech ID -> { username })
--   imptech_consent  (user -> { receipts = { ... } })   append-only
--   imptech_guardian (user -> { receipts = { ... } })   append-only
function _M.stores(module)
	return {
		account = module:open_store("imptech_account");
		phones = module:open_store("imptech_phones");
		ids = module:open_store("imptech_ids");
		consent = module:open_store("imptech_consent");
		guardian = module:open_store("imptech_guardian");
	};
end

function _M.append_receipt(store, username, receipt)
	local rec = store:get(username) or { receipts = {} };
	rec.receipts = rec.receipts or {};
	table.insert(rec.receipts, receipt);
	return store:set(username, rec);
end

-- Sliding one-hour window counters kept in memory (reset on restart; see README).
function _M.new_window(seconds)
	local buckets = {};
	local w = {};
	local function prune(key, now)
		local list = buckets[key];
		if not list then return {}; end
		local keep = {};
		for _, t in ipairs(list) do
			if now - t < seconds then keep[#keep + 1] = t; end
		end
		if #keep == 0 then buckets[key] = nil; else buckets[key] = keep; end
		return keep;
	end
	-- Returns nil if allowed, else seconds until a slot frees up.
	function w.check(key, limit, now)
		local list = prune(key, now);
		if #list < limit then return nil; end
		return math.max(1, math.ceil(list[1] + seconds - now));
	end
	function w.add(key, now)
		local list = prune(key, now);
		list[#list + 1] = now;
		buckets[key] = list;
	end
	return w;
end

return _M;

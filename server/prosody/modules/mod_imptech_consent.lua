-- mod_imptech_consent: append-only consent receipts per account.
-- IQs addressed to the host, namespace urn:imptech:consent:0. Schema: server/README.md.

local st = require "util.stanza";

local common = module:require "imptech_common";

local xmlns = "urn:imptech:consent:0";
local stores = common.stores(module);

module:add_feature(xmlns);

local function authed(event)
	local origin = event.origin;
	if origin.type ~= "c2s" or not origin.username then
		origin.send(st.error_reply(event.stanza, "auth", "forbidden"));
		return nil;
	end
	return origin.username;
end

-- <receipt document='..' version='..' sha256='..' accepted-at='..' locale='..'/>
module:hook("iq-set/host/" .. xmlns .. ":receipt", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username = authed(event);
	if not username then return true; end
	local a = stanza.tags[1].attr;
	local ok = type(a.document) == "string" and a.document:match("^[%w%._%-]+$") and #a.document <= 64
		and type(a.version) == "string" and a.version:match("^%d+$")
		and type(a.sha256) == "string" and a.sha256:match("^%x+$") and #a.sha256 == 64
		and type(a["accepted-at"]) == "string" and a["accepted-at"]:match("^%d%d%d%d%-%d%d%-%d%dT") and #a["accepted-at"] <= 40
		and type(a.locale) == "string" and a.locale:match("^[%w_%-]+$") and #a.locale <= 35;
	if not ok then
		origin.send(st.error_reply(stanza, "modify", "bad-request",
			"document, version (integer), sha256 (64 hex), accepted-at (ISO 8601), locale are required"));
		return true;
	end
	local saved = common.append_receipt(stores.consent, username, {
		source = "iq";
		received_at = os.time();
		document = a.document;
		version = tonumber(a.version);
		sha256 = a.sha256:lower();
		accepted_at = a["accepted-at"];
		locale = a.locale;
		app_version = a["app-version"];
	});
	if not saved then
		origin.send(st.error_reply(stanza, "wait", "internal-server-error"));
		return true;
	end
	origin.send(st.reply(stanza));
	return true;
end);

-- <receipts/> (or <receipt/>) get: every receipt stored for the caller, oldest first.
-- Receipts made at signup (POST /signup/v1/verify) come back with source='signup' and the
-- JSON consent object's agreement fields when present.
local function list_receipts(event)
	local origin, stanza = event.origin, event.stanza;
	local username = authed(event);
	if not username then return true; end
	local rec = stores.consent:get(username) or { receipts = {} };
	local reply = st.reply(stanza):tag("receipts", { xmlns = xmlns });
	for _, r in ipairs(rec.receipts or {}) do
		local c = type(r.consent) == "table" and r.consent or {};
		local function s(v) if v ~= nil and type(v) ~= "table" then return tostring(v); end end
		reply:tag("receipt", {
			source = r.source;
			document = s(r.document or c.document or c.id);
			version = s(r.version or c.version);
			sha256 = s(r.sha256 or c.sha256);
			["accepted-at"] = s(r.accepted_at or c.accepted_at);
			locale = s(r.locale or c.locale);
			["age-bracket"] = s(c.age_bracket);
			["received-at"] = s(r.received_at);
		}):up();
	end
	origin.send(reply);
	return true;
end
module:hook("iq-get/host/" .. xmlns .. ":receipts", list_receipts);
module:hook("iq-get/host/" .. xmlns .. ":receipt", list_receipts);

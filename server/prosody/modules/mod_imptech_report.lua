-- mod_imptech_report: XEP-0377 spam/abuse reports carried inside XEP-0191 block requests.
-- Prosody 0.12's mod_blocklist blocks but drops the <report/>; this module records it in the
-- host store `imptech_reports` and then lets mod_blocklist do the block (the event is never
-- swallowed). Schema and limits: server/README.md "Spam and abuse reports".

local jid_prep = require "util.jid".prep;
local jid_split = require "util.jid".split;

local xmlns_blocking = "urn:xmpp:blocking";
local xmlns_report = "urn:xmpp:reporting:1";
local xmlns_sid = "urn:xmpp:sid:0";
local reasons = {
	["urn:xmpp:reporting:spam"] = "spam";
	["urn:xmpp:reporting:abuse"] = "abuse";
};

local max_text_chars = module:get_option_number("imptech_report_max_text", 1000);
local reports_per_hour = module:get_option_number("imptech_reports_per_hour", 20);
local max_reported_messages = 10;
local max_stanza_id_bytes = 128;
local store = module:open_store("imptech_reports");

-- Disco: on the host (what clients check next to urn:xmpp:blocking) and on the account.
local features = { xmlns_report, "urn:xmpp:reporting:reason:0" };
for _, f in ipairs(features) do module:add_feature(f); end
module:hook("account-disco-info", function (event)
	for _, f in ipairs(features) do
		event.reply:tag("feature", { var = f }):up();
	end
end);

-- "u1234abcd5678@localhost" -> "u12****78@localhost": never log a peer's JID in full.
local function mask_jid(jid)
	local node, host = jid_split(jid);
	if not node then return host or "<none>"; end
	if #node <= 4 then return "****@" .. host; end
	return node:sub(1, 3) .. "****" .. node:sub(-2) .. "@" .. host;
end

-- First `n` UTF-8 characters of `s` (never cuts a multi-byte sequence in half).
local function utf8_truncate(s, n)
	local count, stop = 0, 0;
	for pos, ch in s:gmatch("()([%z\1-\127\194-\244][\128-\191]*)") do
		if count == n then break; end
		count = count + 1;
		stop = pos + #ch - 1;
	end
	return s:sub(1, stop);
end

-- Reports by this reporter in the last hour, counted from the store so that a restart does
-- not reset the limit.
local function recent_count(rec, now)
	local n = 0;
	for _, r in ipairs(rec.reports) do
		if now - (r.time or 0) < 3600 then n = n + 1; end
	end
	return n;
end

module:hook("iq-set/self/" .. xmlns_blocking .. ":block", function (event)
	local origin, stanza = event.origin, event.stanza;
	if origin.type ~= "c2s" or not origin.username then return; end
	local username = origin.username;
	local self_bare = username .. "@" .. module.host;
	-- mod_blocklist refuses the whole request when one JID is malformed; record nothing then.
	for item in stanza.tags[1]:childtags("item") do
		if not jid_prep(item.attr.jid) then return; end
	end
	local rec, now, changed = nil, os.time(), false;
	for item in stanza.tags[1]:childtags("item") do
		local report = item:get_child("report", xmlns_report);
		local reported = report and jid_prep(item.attr.jid);
		local reason = report and reasons[report.attr.reason or ""];
		if report and reported == self_bare then
			origin.log("info", "Ignoring a report against oneself");
		elseif report and not reason then
			origin.log("info", "Ignoring report with an unknown reason");
		elseif report then
			if not rec then
				rec = store:get(username) or {};
				rec.reports = rec.reports or {};
			end
			if recent_count(rec, now) >= reports_per_hour then
				origin.log("warn", "Report rate limit reached (%d per hour); %s blocked but not recorded",
					reports_per_hour, mask_jid(reported));
			else
				local text = report:get_child_text("text") or "";
				-- The reported messages, by their id in the reporter's archive (XEP-0359), so a
				-- moderator can find them; a few, and each id bounded.
				local messages = {};
				for sid in report:childtags("stanza-id", xmlns_sid) do
					local id = sid.attr.id;
					if type(id) == "string" and #id > 0 and #id <= max_stanza_id_bytes
						and #messages < max_reported_messages then
						table.insert(messages, id);
					end
				end
				table.insert(rec.reports, {
					reported = reported;
					reason = reason;
					text = utf8_truncate(text, max_text_chars);
					messages = #messages > 0 and messages or nil;
					time = now;
				});
				changed = true;
				origin.log("info", "Recorded %s report against %s", reason, mask_jid(reported));
			end
		end
	end
	if changed then
		local ok, err = store:set(username, rec);
		if not ok then origin.log("error", "Could not save report: %s", err); end
	end
	-- No return value: mod_blocklist (priority -1) handles the block itself.
end, 10);

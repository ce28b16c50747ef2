-- mod_imptech_directory: IMpTech ID, phone lookup, findability and nickname.
-- IQs addressed to the host (to='localhost'), namespace urn:imptech:directory:0.
-- Schema: server/README.md "Directory IQs".

local st = require "util.stanza";
local jid_join = require "util.jid".join;
local jid_split = require "util.jid".split;
local jid_prep = require "util.jid".prep;
local rostermanager = require "core.rostermanager";

local common = module:require "imptech_common";

local xmlns = "urn:imptech:directory:0";
local host = module.host;
local secret = common.get_secret(module);
local stores = common.stores(module);
local phone_lookups_per_hour = module:get_option_number("imptech_phone_lookups_per_hour", 100);
local lookup_window = common.new_window(3600);

module:add_feature(xmlns);

local function bool(b) return b and "true" or "false"; end

-- Returns the caller's username and account record, or replies with an error.
local function caller(event)
	local origin, stanza = event.origin, event.stanza;
	if origin.type ~= "c2s" or not origin.username then
		origin.send(st.error_reply(stanza, "auth", "forbidden"));
		return nil;
	end
	local account = stores.account:get(origin.username);
	if not account then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found", "No IMpTech account record"));
		return nil;
	end
	return origin.username, account;
end

local function user_element(username, account)
	return st.stanza("user", {
		xmlns = xmlns;
		jid = jid_join(username, host);
		["imptech-id"] = account.imptech_id;
		nickname = account.nickname or "";
	});
end

-- <me/>
module:hook("iq-get/host/" .. xmlns .. ":me", function (event)
	local username, account = caller(event);
	if not username then return true; end
	event.origin.send(st.reply(event.stanza):tag("me", {
		xmlns = xmlns;
		["imptech-id"] = account.imptech_id;
		changeable = bool(not account.id_changed);
		["findable-by-phone"] = bool(account.findable_by_phone and not account.minors_mode);
		["minors-mode"] = bool(account.minors_mode);
		nickname = account.nickname;
	}));
	return true;
end);

-- <set-id id='...'/>: once per account.
module:hook("iq-set/host/" .. xmlns .. ":set-id", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username, account = caller(event);
	if not username then return true; end
	local new_id = stanza.tags[1].attr.id;
	if not common.valid_imptech_id(new_id) or common.id_key(new_id):sub(1, 4) == "imp_" then
		origin.send(st.error_reply(stanza, "modify", "bad-request",
			"6-20 characters, starting with a letter, letters, digits, _ and - only; imp_ is reserved"));
		return true;
	end
	if account.id_changed then
		origin.send(st.error_reply(stanza, "cancel", "not-allowed", "The IMpTech ID can be changed only once"));
		return true;
	end
	local key = common.id_key(new_id);
	local owner = stores.ids:get(key);
	if owner and owner.username ~= username then
		origin.send(st.error_reply(stanza, "cancel", "conflict", "This IMpTech ID is taken"));
		return true;
	end
	local old_key = common.id_key(account.imptech_id);
	local ok = stores.ids:set(key, { username = username });
	if not ok then
		origin.send(st.error_reply(stanza, "wait", "internal-server-error"));
		return true;
	end
	if old_key ~= key then stores.ids:set(old_key, nil); end
	account.imptech_id = new_id;
	account.id_changed = true;
	stores.account:set(username, account);
	origin.send(st.reply(stanza));
	return true;
end);

-- Whether `username` knows `contact` (a bare JID on this host) with the contact's consent: a
-- subscription either way (they approved us, or asked us and we approved), or a pending
-- request from them. Only then may the JID be resolved to a profile. A roster entry alone is
-- not enough: anyone can put any JID in their own roster.
local function knows(username, contact)
	return rostermanager.is_contact_subscribed(username, host, contact)
		or rostermanager.is_user_subscribed(username, host, contact)
		or rostermanager.is_contact_pending_in(username, host, contact);
end

-- <lookup imptech-id='...'/>, <lookup phone='+...'/>, or <lookup jid='...'/> (someone the
-- caller knows: a contact, or who asked them)
module:hook("iq-get/host/" .. xmlns .. ":lookup", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username = caller(event);
	if not username then return true; end
	local q = stanza.tags[1].attr;
	local target;
	if q["imptech-id"] then
		if not common.valid_imptech_id(q["imptech-id"]) then
			origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
			return true;
		end
		local rec = stores.ids:get(common.id_key(q["imptech-id"]));
		target = rec and rec.username;
	elseif q.phone then
		if not common.valid_phone(q.phone) then
			origin.send(st.error_reply(stanza, "modify", "bad-request", "Phone must be E.164"));
			return true;
		end
		local now = os.time();
		if lookup_window.check(username, phone_lookups_per_hour, now) then
			origin.send(st.error_reply(stanza, "wait", "resource-constraint", "Too many phone lookups"));
			return true;
		end
		lookup_window.add(username, now);
		local rec = stores.phones:get(common.phone_hash(secret, q.phone));
		target = rec and rec.username;
		if target then
			local acc = stores.account:get(target);
			-- Only owners who allow it; never minors (minors' mode).
			if not acc or not acc.findable_by_phone or acc.minors_mode then target = nil; end
		end
	elseif q.jid then
		local contact = jid_prep(q.jid);
		local node, contact_host, resource;
		if contact then node, contact_host, resource = jid_split(contact); end
		if not node or contact_host ~= host or resource then
			origin.send(st.error_reply(stanza, "modify", "bad-request", "A bare JID on this host"));
			return true;
		end
		if knows(username, contact) then target = node; end
	else
		origin.send(st.error_reply(stanza, "modify", "bad-request", "Give imptech-id, phone or jid"));
		return true;
	end
	local account = target and stores.account:get(target);
	if not account then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	origin.send(st.reply(stanza):add_child(user_element(target, account)));
	return true;
end);

-- <settings findable-by-phone='true|false'/>
module:hook("iq-set/host/" .. xmlns .. ":settings", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username, account = caller(event);
	if not username then return true; end
	local v = stanza.tags[1].attr["findable-by-phone"];
	if v ~= nil then
		local on = (v == "true" or v == "1");
		if not on and v ~= "false" and v ~= "0" then
			origin.send(st.error_reply(stanza, "modify", "bad-request", "findable-by-phone is a boolean"));
			return true;
		end
		if on and account.minors_mode then
			origin.send(st.error_reply(stanza, "cancel", "not-allowed", "Minors cannot be found by phone number"));
			return true;
		end
		account.findable_by_phone = on;
	end
	stores.account:set(username, account);
	origin.send(st.reply(stanza));
	return true;
end);

-- <profile nickname='...'/>
module:hook("iq-set/host/" .. xmlns .. ":profile", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username, account = caller(event);
	if not username then return true; end
	local nick = stanza.tags[1].attr.nickname;
	if nick ~= nil then
		-- 1..64 bytes, no control characters.
		if #nick == 0 or #nick > 64 or nick:find("%c") then
			origin.send(st.error_reply(stanza, "modify", "bad-request", "Nickname: 1-64 bytes, no control characters"));
			return true;
		end
		account.nickname = nick;
	end
	stores.account:set(username, account);
	origin.send(st.reply(stanza));
	return true;
end);

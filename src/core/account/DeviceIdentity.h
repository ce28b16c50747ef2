#pragma once

#include <QString>
#include <functional>
#include <optional>

namespace imp::account {

// The ids that tie an installation and a device to an account (sent in /signup/v1/code and
// /verify). Nothing may be collected before consent (DESIGN §4), so ids are only made when
// asked, and this class never stores anything itself: persistence is the caller's (the profile,
// which exists only after consent).
struct DeviceIds {
    QString installId;  // random UUID, one per installation/profile
    QString deviceId;   // random UUID, one per device binding
    QString deviceName; // shown to the user in "signed in devices", e.g. the host name
    QString platform;   // QSysInfo::productType(), e.g. "debian", "android", "ios", "windows"

    bool isComplete() const { return !installId.isEmpty() && !deviceId.isEmpty(); }
    bool operator==(const DeviceIds &) const = default;
};

class DeviceIdentity {
public:
    using Load = std::function<std::optional<DeviceIds>()>;
    using Save = std::function<void(const DeviceIds &)>;

    // Fresh random ids (nothing hardware-derived) plus this machine's name and platform.
    static DeviceIds create();
    // The stored ids when `load` returns complete ones, else new ones handed to `save`.
    static DeviceIds loadOrCreate(const Load &load, const Save &save);

    static QString deviceName();
    static QString platform();
};

} // namespace imp::account

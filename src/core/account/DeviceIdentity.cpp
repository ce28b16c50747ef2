#include "DeviceIdentity.h"

#include "crypto/SecureRandom.h"

#include <QSysInfo>

namespace imp::account {

namespace {
// Device names end up in the server's device list; keep them short.
constexpr qsizetype kMaxDeviceNameLength = 64;

QString osLabel()
{
    const QString product = QSysInfo::productType();
    if (product == QLatin1String("android"))
        return QStringLiteral("Android");
    if (product == QLatin1String("ios"))
        return QStringLiteral("iOS");
    if (product == QLatin1String("macos") || product == QLatin1String("osx"))
        return QStringLiteral("macOS");
    if (product == QLatin1String("windows"))
        return QStringLiteral("Windows");
    return QStringLiteral("Linux");
}
} // namespace

QString DeviceIdentity::deviceName()
{
    QString name = QSysInfo::machineHostName().trimmed();
    if (name.isEmpty() || name == QLatin1String("localhost"))
        name = QStringLiteral("IMpTech on %1").arg(osLabel());
    return name.left(kMaxDeviceNameLength);
}

QString DeviceIdentity::platform()
{
    return QSysInfo::productType();
}

DeviceIds DeviceIdentity::create()
{
    return DeviceIds{crypto::SecureRandom::uuid(), crypto::SecureRandom::uuid(), deviceName(),
                     platform()};
}

DeviceIds DeviceIdentity::loadOrCreate(const Load &load, const Save &save)
{
    if (load) {
        if (std::optional<DeviceIds> stored = load(); stored && stored->isComplete())
            return *stored;
    }
    DeviceIds ids = create();
    if (save)
        save(ids);
    return ids;
}

} // namespace imp::account

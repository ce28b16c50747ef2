#include "chat/messages/AttachmentCodec.h"

#include "xmpp/Namespaces.h"

#include <QUrl>

namespace imp::chat::messages {

using xmpp::XmlElement;

namespace {

const QString OobNs = QStringLiteral("jabber:x:oob");
const QString SfsNs = QStringLiteral("urn:xmpp:sfs:0");
const QString FileNs = QStringLiteral("urn:xmpp:file:metadata:0");
const QString HashesNs = QStringLiteral("urn:xmpp:hashes:2");
const QString UrlDataNs = QStringLiteral("http://jabber.org/protocol/url-data");
const QString OwnNs = QStringLiteral("urn:imptech:media:0");

XmlElement textChild(const QString &name, const QString &ns, const QString &text)
{
    XmlElement e(name, ns);
    e.setText(text);
    return e;
}

// A non-negative integer within `max`, else -1 (absent, garbage or absurd).
qint64 boundedNumber(const QString &text, qint64 max)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    return ok && v >= 0 && v <= max ? v : -1;
}

bool usableUrl(const QString &url)
{
    if (url.isEmpty() || url.size() > AttachmentCodec::MaxUrlLength)
        return false;
    const QUrl u(url, QUrl::StrictMode);
    // Only https is ever fetched (RemoteUrlPolicy decides the rest before a download); an
    // http:// or file:// URL is not an attachment but text.
    return u.isValid() && u.scheme() == QLatin1String("https") && !u.host().isEmpty();
}

QString suffixOf(const QString &url)
{
    const QString path = QUrl(url).path();
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return dot > slash ? path.mid(dot + 1).toLower() : QString();
}

QString nameFromUrl(const QString &url)
{
    const QString path = QUrl(url).path(QUrl::FullyDecoded);
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

QString AttachmentCodec::safeName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':'))
            out += QLatin1Char('_');
        else
            out += c;
    }
    out = out.trimmed();
    while (out.startsWith(QLatin1Char('.')))
        out.remove(0, 1);
    return out.left(MaxNameLength);
}

Attachment::Kind AttachmentCodec::kindOf(const QString &mediaType, const QString &url)
{
    const QString type = mediaType.toLower();
    if (type.startsWith(QLatin1String("audio/")))
        return Attachment::Kind::Voice;
    if (type.startsWith(QLatin1String("image/")))
        return Attachment::Kind::Image;
    if (!type.isEmpty() && type != QLatin1String("application/octet-stream"))
        return Attachment::Kind::File;
    static const QStringList audio{"m4a", "ogg", "oga", "opus", "aac", "mp3", "wav", "amr"};
    static const QStringList image{"jpg", "jpeg", "png", "gif", "webp", "heic", "heif"};
    const QString suffix = suffixOf(url);
    if (audio.contains(suffix))
        return Attachment::Kind::Voice;
    if (image.contains(suffix))
        return Attachment::Kind::Image;
    return Attachment::Kind::File;
}

std::optional<Attachment> AttachmentCodec::decode(const XmlElement &message, QString &body)
{
    Attachment a;
    XmlElement file;
    const XmlElement sharing = message.firstChild(QStringLiteral("file-sharing"), SfsNs);
    if (!sharing.isNull()) {
        file = sharing.firstChild(QStringLiteral("file"), FileNs);
        const XmlElement sources = sharing.firstChild(QStringLiteral("sources"), SfsNs);
        for (const auto &source : sources.children()) {
            if (source.name() == QLatin1String("url-data") &&
                source.effectiveNs(SfsNs) == UrlDataNs &&
                usableUrl(source.attribute(QStringLiteral("target")))) {
                a.url = source.attribute(QStringLiteral("target"));
                break;
            }
        }
    }
    if (a.url.isEmpty()) {
        const QString oob = message.firstChild(QStringLiteral("x"), OobNs)
                                .firstChild(QStringLiteral("url"), OobNs)
                                .text()
                                .trimmed();
        if (!usableUrl(oob))
            return std::nullopt;
        a.url = oob;
    }
    if (file.isNull())
        file = message.firstChild(QStringLiteral("file"), FileNs);

    a.mediaType = file.firstChild(QStringLiteral("media-type"), FileNs).text().trimmed().left(127);
    a.name = safeName(file.firstChild(QStringLiteral("name"), FileNs).text());
    if (a.name.isEmpty())
        a.name = safeName(nameFromUrl(a.url));
    a.size = std::max<qint64>(
        0, boundedNumber(file.firstChild(QStringLiteral("size"), FileNs).text(), MaxSize));
    a.durationMs = std::max<qint64>(
        0, boundedNumber(file.firstChild(QStringLiteral("length"), FileNs).text(), MaxDurationMs));
    a.width = static_cast<int>(std::max<qint64>(
        0, boundedNumber(file.firstChild(QStringLiteral("width"), FileNs).text(), 1 << 16)));
    a.height = static_cast<int>(std::max<qint64>(
        0, boundedNumber(file.firstChild(QStringLiteral("height"), FileNs).text(), 1 << 16)));
    for (const auto &hash : file.children()) {
        if (hash.name() == QLatin1String("hash") && hash.effectiveNs(FileNs) == HashesNs &&
            hash.attribute(QStringLiteral("algo")) == QLatin1String("sha-256")) {
            const auto decoded = QByteArray::fromBase64Encoding(
                hash.text().trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && decoded.decoded.size() == 32)
                a.sha256 = decoded.decoded;
        }
    }
    a.kind = kindOf(a.mediaType, a.url);
    const XmlElement own = message.firstChild(QStringLiteral("media"), OwnNs);
    if (!own.isNull()) {
        const QString kind = own.attribute(QStringLiteral("kind"));
        if (kind == QLatin1String("voice"))
            a.kind = Attachment::Kind::Voice;
        else if (kind == QLatin1String("image"))
            a.kind = Attachment::Kind::Image;
        else if (kind == QLatin1String("file"))
            a.kind = Attachment::Kind::File;
        const auto peaks = QByteArray::fromBase64Encoding(
            own.firstChild(QStringLiteral("waveform"), OwnNs).text().trimmed().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
        if (peaks && peaks.decoded.size() <= MaxWaveform)
            a.waveform = peaks.decoded;
    }
    if (a.kind == Attachment::Kind::Voice)
        a.name.clear();
    a.transfer = Attachment::Transfer::Remote;
    if (body.trimmed() == a.url)
        body.clear();
    return a;
}

void AttachmentCodec::encode(const Attachment &a, XmlElement &message)
{
    XmlElement oob(QStringLiteral("x"), OobNs);
    oob.addChild(textChild(QStringLiteral("url"), OobNs, a.url));
    message.addChild(oob);

    XmlElement file(QStringLiteral("file"), FileNs);
    if (!a.mediaType.isEmpty())
        file.addChild(textChild(QStringLiteral("media-type"), FileNs, a.mediaType));
    if (!a.name.isEmpty())
        file.addChild(textChild(QStringLiteral("name"), FileNs, a.name));
    file.addChild(textChild(QStringLiteral("size"), FileNs, QString::number(a.size)));
    if (a.durationMs > 0)
        file.addChild(textChild(QStringLiteral("length"), FileNs, QString::number(a.durationMs)));
    if (a.width > 0 && a.height > 0) {
        file.addChild(textChild(QStringLiteral("width"), FileNs, QString::number(a.width)));
        file.addChild(textChild(QStringLiteral("height"), FileNs, QString::number(a.height)));
    }
    if (a.sha256.size() == 32) {
        XmlElement hash =
            textChild(QStringLiteral("hash"), HashesNs, QString::fromLatin1(a.sha256.toBase64()));
        hash.setAttribute(QStringLiteral("algo"), QStringLiteral("sha-256"));
        file.addChild(hash);
    }
    XmlElement sharing(QStringLiteral("file-sharing"), SfsNs);
    sharing.setAttribute(QStringLiteral("disposition"), QStringLiteral("inline"));
    sharing.addChild(file);
    XmlElement sources(QStringLiteral("sources"), SfsNs);
    XmlElement urlData(QStringLiteral("url-data"), UrlDataNs);
    urlData.setAttribute(QStringLiteral("target"), a.url);
    sources.addChild(urlData);
    sharing.addChild(sources);
    message.addChild(sharing);

    XmlElement own(QStringLiteral("media"), OwnNs);
    own.setAttribute(QStringLiteral("kind"),
                     a.kind == Attachment::Kind::Voice   ? QStringLiteral("voice")
                     : a.kind == Attachment::Kind::Image ? QStringLiteral("image")
                                                         : QStringLiteral("file"));
    if (!a.waveform.isEmpty())
        own.addChild(textChild(QStringLiteral("waveform"), OwnNs,
                               QString::fromLatin1(a.waveform.left(MaxWaveform).toBase64())));
    message.addChild(own);
}

} // namespace imp::chat::messages

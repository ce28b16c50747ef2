#include "TextFormat.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace imp::app {

namespace {

bool isTrailingPunctuation(QChar c)
{
    static const QString chars = QStringLiteral(".,;:!?'\"。，；：！？、…");
    return chars.contains(c);
}

// Drops what a sentence adds after a link: punctuation, and a closing bracket that does not
// close one opened inside the link ("(see https://a.b/x)" keeps ")" out; wiki links keep it).
int trimmedLength(const QString &candidate)
{
    int length = static_cast<int>(candidate.size());
    while (length > 0) {
        const QChar last = candidate.at(length - 1);
        if (isTrailingPunctuation(last)) {
            --length;
            continue;
        }
        const QString closers = QStringLiteral(")]}）】");
        const QString openers = QStringLiteral("([{（【");
        const auto pos = closers.indexOf(last);
        if (pos >= 0) {
            const QStringView body(candidate.constData(), length);
            if (body.count(openers.at(pos)) < body.count(last)) {
                --length;
                continue;
            }
        }
        break;
    }
    return length;
}

} // namespace

QList<TextFormat::Link> TextFormat::findLinks(const QString &text)
{
    // A link starts at a word boundary with a scheme or "www." and runs to whitespace or a
    // character that cannot be in a URL as people type it (CJK text right after a link included).
    static const QRegularExpression re(
        QStringLiteral(
            R"((?<![\w@.])(?:https?://|www\.)[^\s<>"\x{3000}-\x{9FFF}\x{FF00}-\x{FFEF}]+)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QList<Link> links;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        const QString candidate = match.captured(0);
        const int length = trimmedLength(candidate);
        const QString url = candidate.left(length);
        // "https://" alone, or "www." with nothing after it, is not a link.
        const int schemeEnd =
            url.startsWith("www.", Qt::CaseInsensitive) ? 4 : url.indexOf("//") + 2;
        if (length <= schemeEnd)
            continue;
        Link link;
        link.start = static_cast<int>(match.capturedStart(0));
        link.length = length;
        link.url = url.startsWith("www.", Qt::CaseInsensitive) ? "https://" + url : url;
        links.append(link);
    }
    return links;
}

QString TextFormat::escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        case '\'':
            out += QStringLiteral("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString TextFormat::toRichText(const QString &text)
{
    QString out;
    int at = 0;
    for (const auto &link : findLinks(text)) {
        out += escape(text.mid(at, link.start - at));
        out += QStringLiteral("<a href=\"%1\">%2</a>")
                   .arg(escape(link.url), escape(text.mid(link.start, link.length)));
        at = link.start + link.length;
    }
    out += escape(text.mid(at));
    out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    out.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    // pre-wrap keeps runs of spaces (code, ASCII art) while still wrapping long lines.
    return QStringLiteral("<span style=\"white-space: pre-wrap\">") + out +
           QStringLiteral("</span>");
}

QString TextFormat::badgeText(int count)
{
    if (count <= 0)
        return {};
    return count > 99 ? QStringLiteral("99+") : QString::number(count);
}

QString TextFormat::initial(const QString &name)
{
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate() && i + 1 < name.size()) {
            const char32_t code = QChar::surrogateToUcs4(c, name.at(i + 1));
            if (QChar::isLetter(code))
                return name.mid(i, 2);
            ++i;
            continue;
        }
        if (c.isLetterOrNumber())
            return QString(c).toUpper();
    }
    return QStringLiteral("#");
}

int TextFormat::colorIndex(const QString &key, int buckets)
{
    if (buckets <= 0)
        return 0;
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1);
    return static_cast<unsigned char>(digest.at(0)) % buckets;
}

QString TextFormat::safeName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        const auto category = c.category();
        if ((category == QChar::Other_Control || category == QChar::Other_Format) &&
            c.unicode() != 0x200D)
            continue;
        out.append(c);
    }
    return out.trimmed();
}

QString TextFormat::isolate(const QString &text)
{
    return text.isEmpty() ? text : QChar(0x2068) + text + QChar(0x2069);
}

} // namespace imp::app

#pragma once

#include <QList>
#include <QString>

namespace imp::app {

// Message text for display: escaped so that a body is never taken as markup, with web links
// made clickable, the small avatar facts (letter, colour) derived from names, and badge counts.
class TextFormat {
public:
    struct Link {
        int start = 0;
        int length = 0;
        QString url; // what opening the link visits (www. gets https://)
    };

    // Only http(s) and bare "www." links; trailing punctuation (.,;:!? and CJK 。，！？) and an
    // unbalanced closing bracket stay outside the link.
    static QList<Link> findLinks(const QString &text);
    // Escaped HTML with <a href> links and <br> line breaks, whitespace kept.
    static QString toRichText(const QString &text);
    static QString escape(const QString &text);
    // A name someone else chose, safe to show: without control and format characters (bidi
    // overrides among them; the zero-width joiner of emoji stays), trimmed.
    static QString safeName(const QString &name);
    // Wrapped in first-strong isolates, so a right-to-left name cannot reorder what is around it.
    static QString isolate(const QString &text);
    // The avatar letter: the first letter or CJK character, upper-cased; "#" when none.
    static QString initial(const QString &name);
    // A stable colour slot (0..buckets-1) for an avatar, from the JID.
    static int colorIndex(const QString &key, int buckets = 8);
    // An unread or pending count on a badge: "99+" above 99, "" for none.
    static QString badgeText(int count);
};

} // namespace imp::app

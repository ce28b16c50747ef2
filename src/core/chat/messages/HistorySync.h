#pragma once

#include "chat/messages/InboundBatch.h"
#include "chat/messages/StanzaCodec.h"
#include "common/Result.h"
#include "xmpp/MamQuery.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>

namespace imp::chat::messages {

struct MessageContext;
class HistoryRanges;
class InboundPipeline;

// The server's archive (XEP-0313): queries whose results go through the inbound pipeline like
// live messages, and the catch-up of a fresh session from the end of what this device holds
// (HistoryRanges). A device that never synced takes the archive's newest page only; older
// history comes on scroll-back (ScrollBack), not all at once at login.
class HistorySync : public QObject {
    Q_OBJECT
public:
    struct Page {
        xmpp::MamFin fin;
        int size = 0;  // messages the page brought
        int added = 0; // of those, new on this device
    };
    // Adjusts a page's messages before they are stored (scroll-back orders them before what
    // is shown).
    using Tune = std::function<void(std::vector<InboundItem> &items)>;

    HistorySync(MessageContext &context, InboundPipeline &pipeline, HistoryRanges &ranges,
                QObject *parent = nullptr);

    // An archive result arrived; call from inside the stanza handler (its server
    // acknowledgement waits until it is stored).
    void collect(const ChatEvent &event);
    void query(xmpp::MamQuery query, Tune tune, std::function<void(Result<Page>)> done);

    void startCatchUp();
    // Live messages must wait: the catch-up has not finished since the session began (or a
    // store failure left a hole the archive has to fill first).
    bool holdsLive() const { return !m_complete; }
    void invalidate() { m_complete = false; }
    // The session is resumed: nothing was missed.
    void resumed() { m_complete = true; }
    bool syncing() const { return m_syncing; }
    int syncedCount() const { return m_done; }

signals:
    void progress(int done, int total); // total -1 when unknown
    void finished();                    // the catch-up went through to the archive's end
    void ended();                       // finished or given up: live messages may go on
    // A receipt, marker or recall found in the archive, once the page around it is stored.
    void archivedEvent(const imp::chat::messages::ChatEvent &event);

private:
    struct Pending {
        std::vector<InboundItem> items;
        std::vector<ChatEvent> events;
    };
    void requestCatchUpPage(const QString &after, bool newestOnly);
    void endCatchUp();

    MessageContext &m_context;
    InboundPipeline &m_pipeline;
    HistoryRanges &m_ranges;
    QHash<QString, Pending> m_queries; // by query id
    bool m_syncing = false;
    bool m_complete = false;
    int m_done = 0;
    int m_total = -1;
};

} // namespace imp::chat::messages

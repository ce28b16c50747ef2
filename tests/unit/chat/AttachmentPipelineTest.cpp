// Attachments through the message path (InProcessChannel): uploaded before their stanza, in
// order with the text around them, kept for a retry when the upload fails, and fetched and
// recorded when a peer sends one.
#include "InProcessChannel.h"
#include "TestProfile.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "chat/attachments/RemoteUrlPolicy.h"
#include "chat/messages/AttachmentCodec.h"
#include "xmpp/HttpUpload.h"
#include "xmpp/Namespaces.h"
#include "xmpp/XmlStreamParser.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::Result;
using imp::chat::Attachment;
using imp::chat::Message;
using imp::chat::MessageService;
using imp::chat::messages::AttachmentCodec;
using imp::chat::test::InProcessChannel;
using imp::chat::test::waitUntil;
using imp::xmpp::XmlElement;

namespace {

const QString Oob = QStringLiteral("jabber:x:oob");
const QString Bob = QStringLiteral("bob@imp.test");

XmlElement parse(const QByteArray &xml)
{
    imp::xmpp::XmlStreamParser parser;
    const auto events = parser.feed("<stream:stream xmlns='jabber:client' "
                                    "xmlns:stream='http://etherx.jabber.org/streams' "
                                    "version='1.0'>" +
                                    xml);
    for (const auto &e : events)
        if (const auto *s = std::get_if<imp::xmpp::XmlStreamParser::StanzaReceived>(&e))
            return s->stanza;
    return {};
}

Attachment voiceNote()
{
    Attachment a;
    a.kind = Attachment::Kind::Voice;
    a.mediaType = QStringLiteral("audio/ogg");
    a.size = 4321;
    a.durationMs = 5200;
    a.sha256 = QByteArray(32, '\x07');
    a.waveform = QByteArray("\x01\x40\xff\x10", 4);
    a.fileId = QStringLiteral("0123456789abcdef0123456789abcdef");
    return a;
}

// An upload the test finishes by hand.
struct PendingUpload {
    Attachment attachment;
    std::function<void(Result<Attachment>)> done;
};

class AttachmentPipelineTest : public ::testing::Test {
protected:
    void SetUp() override { open(true); }

    void open(bool create)
    {
        profile = imp::test::openTestProfile(m_dir.path(), create);
        ASSERT_TRUE(profile);
        channel = std::make_unique<InProcessChannel>();
        service = std::make_unique<MessageService>(profile, *channel,
                                                   [] { return QStringLiteral("alice@imp.test"); });
        service->uploads().setRetryDelays({1, 1});
        service->setUpload([this](const Attachment &a, auto, auto done) {
            uploads.push_back({a, std::move(done)});
        });
        service->setFetch([this](const Attachment &a, auto, auto done) {
            fetched.append(a.url);
            Attachment here = a;
            here.fileId = QStringLiteral("fedcba9876543210fedcba9876543210");
            done(here);
        });
        service->start();
    }
    void reopen()
    {
        service.reset();
        channel.reset();
        profile->flush().waitForFinished();
        profile.reset();
        uploads.clear();
        open(false);
    }
    void online()
    {
        channel->goOnline();
        ASSERT_TRUE(waitUntil([&] {
            for (const auto &iq : channel->sentIqs)
                if (iq.hasChild(QStringLiteral("query"), QStringLiteral("urn:xmpp:mam:2")))
                    return true;
            return false;
        }));
        const auto query = channel->sentIqs.back();
        channel->answerIq(query.attribute("id"), "<fin xmlns='urn:xmpp:mam:2' complete='true'><set "
                                                 "xmlns='http://jabber.org/protocol/rsm'/></fin>");
        ASSERT_TRUE(waitUntil([&] { return !service->syncing(); }));
    }
    QList<Message> history()
    {
        auto page = service->page(Bob, std::nullopt, 100);
        EXPECT_TRUE(waitUntil([&] { return page.isFinished(); }));
        return page.result().ok() ? page.result().value() : QList<Message>();
    }
    QList<XmlElement> sentMessages() const
    {
        return channel->sentWith(QStringLiteral("body"), imp::xmpp::ns::Client);
    }

    QTemporaryDir m_dir;
    std::shared_ptr<imp::chat::Profile> profile;
    std::unique_ptr<InProcessChannel> channel;
    std::unique_ptr<MessageService> service;
    std::vector<PendingUpload> uploads;
    QStringList fetched;
};

} // namespace

TEST_F(AttachmentPipelineTest, VoiceIsUploadedFirstAndTheTextAfterItWaitsForIt)
{
    online();
    ASSERT_TRUE(service->send(Bob, "before"));
    ASSERT_TRUE(service->sendAttachment(Bob, voiceNote()));
    ASSERT_TRUE(service->send(Bob, "after"));
    ASSERT_TRUE(waitUntil([&] { return uploads.size() == 1 && sentMessages().size() == 1; }));
    QCoreApplication::processEvents();
    // Only the text before the voice note has gone; the one after waits for the upload.
    ASSERT_EQ(sentMessages().size(), 1);
    EXPECT_EQ(sentMessages()[0].firstChild("body", imp::xmpp::ns::Client).text(), "before");
    EXPECT_EQ(uploads[0].attachment.fileId, voiceNote().fileId);

    Attachment uploaded = uploads[0].attachment;
    uploaded.url = QStringLiteral("https://upload.imp.test/slot/v.ogg");
    uploads[0].done(uploaded);
    ASSERT_TRUE(waitUntil([&] { return sentMessages().size() == 3; }));
    const auto sent = sentMessages();
    EXPECT_EQ(sent[1].firstChild("body", imp::xmpp::ns::Client).text(), uploaded.url);
    EXPECT_EQ(sent[1].firstChild("x", Oob).firstChild("url", Oob).text(), uploaded.url);
    EXPECT_EQ(sent[2].firstChild("body", imp::xmpp::ns::Client).text(), "after");

    // What the peer gets reads back as the same voice note.
    QString body = sent[1].firstChild("body", imp::xmpp::ns::Client).text();
    const auto decoded = AttachmentCodec::decode(sent[1], body);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->kind, Attachment::Kind::Voice);
    EXPECT_EQ(decoded->durationMs, 5200);
    EXPECT_EQ(decoded->size, 4321);
    EXPECT_EQ(decoded->sha256, voiceNote().sha256);
    EXPECT_EQ(decoded->waveform, voiceNote().waveform);
    EXPECT_TRUE(body.isEmpty());

    channel->ackAll();
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 0; }));
    const auto h = history();
    ASSERT_EQ(h.size(), 3);
    EXPECT_EQ(h[1].attachment.kind, Attachment::Kind::Voice);
    EXPECT_EQ(h[1].attachment.transfer, Attachment::Transfer::Ready);
    EXPECT_EQ(h[1].attachment.url, uploaded.url);
    EXPECT_EQ(h[1].state, Message::State::Sent);
}

TEST_F(AttachmentPipelineTest, RefusedUploadIsKeptForARetryAndReleasesTheChat)
{
    online();
    ASSERT_TRUE(service->sendAttachment(Bob, voiceNote()));
    ASSERT_TRUE(service->send(Bob, "after"));
    ASSERT_TRUE(waitUntil([&] { return uploads.size() == 1; }));
    uploads[0].done(imp::makeError("upload.too_large", "test"));
    // Too large does not pass later: no retry, the text goes, the note says why.
    ASSERT_TRUE(waitUntil([&] { return sentMessages().size() == 1; }));
    EXPECT_EQ(sentMessages()[0].firstChild("body", imp::xmpp::ns::Client).text(), "after");
    EXPECT_EQ(uploads.size(), 1u);
    auto voice = [&] {
        for (const auto &m : history())
            if (!m.attachment.isNull())
                return m;
        return Message();
    };
    ASSERT_TRUE(waitUntil(
        [&] { return voice().attachment.transfer == Attachment::Transfer::UploadFailed; }));
    EXPECT_EQ(voice().attachment.error, "upload.too_large");
    EXPECT_EQ(voice().state, Message::State::Sending);

    service->retryUpload(Bob, voice().originId);
    ASSERT_TRUE(waitUntil([&] { return uploads.size() == 2; }));
    Attachment uploaded = uploads[1].attachment;
    uploaded.url = QStringLiteral("https://upload.imp.test/slot/v2.ogg");
    uploads[1].done(uploaded);
    ASSERT_TRUE(waitUntil([&] { return sentMessages().size() == 2; }));
    EXPECT_EQ(sentMessages()[1].firstChild("x", Oob).firstChild("url", Oob).text(), uploaded.url);
}

TEST_F(AttachmentPipelineTest, NetworkFailuresAreRetriedBeforeGivingUp)
{
    online();
    ASSERT_TRUE(service->sendAttachment(Bob, voiceNote()));
    for (size_t n = 1; n <= 3; ++n) {
        ASSERT_TRUE(waitUntil([&] { return uploads.size() == n; })) << n;
        uploads.back().done(imp::makeError("net.refused", "test"));
    }
    QCoreApplication::processEvents();
    EXPECT_EQ(uploads.size(), 3u) << "three attempts, then the user decides";
}

TEST_F(AttachmentPipelineTest, VoiceComposedOfflineIsUploadedAfterARestart)
{
    ASSERT_TRUE(service->send(Bob, "first"));
    ASSERT_TRUE(service->sendAttachment(Bob, voiceNote()));
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 2 && history().size() == 2; }));
    reopen();
    online();
    ASSERT_TRUE(waitUntil([&] { return uploads.size() == 1 && sentMessages().size() == 1; }));
    EXPECT_EQ(uploads[0].attachment.fileId, voiceNote().fileId);
    Attachment uploaded = uploads[0].attachment;
    uploaded.url = QStringLiteral("https://upload.imp.test/slot/v.ogg");
    uploads[0].done(uploaded);
    ASSERT_TRUE(waitUntil([&] { return sentMessages().size() == 2; }));
    channel->ackAll();
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 0; }));
}

TEST_F(AttachmentPipelineTest, ConversationsStyleVoiceNoteIsStoredAsVoiceAndFetched)
{
    online();
    const QString url = QStringLiteral("https://upload.imp.test/abc/voice-2026.m4a");
    channel->inject(QStringLiteral("<message from='bob@imp.test/pc' to='alice@imp.test/phone' "
                                   "type='chat' id='c1'><body>%1</body><x xmlns='jabber:x:oob'>"
                                   "<url>%1</url></x></message>")
                        .arg(url)
                        .toUtf8());
    ASSERT_TRUE(waitUntil([&] {
        const auto h = history();
        return h.size() == 1 && h[0].attachment.transfer == Attachment::Transfer::Ready;
    }));
    const auto m = history()[0];
    EXPECT_EQ(m.attachment.kind, Attachment::Kind::Voice);
    EXPECT_TRUE(m.body.isEmpty()) << "the URL is not shown as text";
    EXPECT_EQ(m.attachment.fileId, "fedcba9876543210fedcba9876543210");
    EXPECT_FALSE(m.attachment.played);
    EXPECT_EQ(fetched, QStringList{url});

    service->markPlayed(m);
    ASSERT_TRUE(waitUntil([&] { return history()[0].attachment.played; }));
}

TEST_F(AttachmentPipelineTest, FilesWaitForATap)
{
    online();
    channel->inject("<message from='bob@imp.test/pc' to='alice@imp.test/phone' type='chat' "
                    "id='f1'><body>https://upload.imp.test/x/report.pdf</body>"
                    "<x xmlns='jabber:x:oob'><url>https://upload.imp.test/x/report.pdf</url></x>"
                    "</message>");
    ASSERT_TRUE(waitUntil([&] { return history().size() == 1; }));
    QCoreApplication::processEvents();
    EXPECT_TRUE(fetched.isEmpty());
    const auto m = history()[0];
    EXPECT_EQ(m.attachment.kind, Attachment::Kind::File);
    EXPECT_EQ(m.attachment.name, "report.pdf");
    service->download(m);
    ASSERT_TRUE(
        waitUntil([&] { return history()[0].attachment.transfer == Attachment::Transfer::Ready; }));
}

TEST(AttachmentCodecTest, HostileMetadataIsBoundedAndNamesCannotClimbDirectories)
{
    const auto stanza =
        parse("<message from='bob@imp.test/pc' type='chat'><body>https://u.imp.test/a</body>"
              "<x xmlns='jabber:x:oob'><url>https://u.imp.test/a</url></x>"
              "<file-sharing xmlns='urn:xmpp:sfs:0'><file xmlns='urn:xmpp:file:metadata:0'>"
              "<name>../../.ssh/authorized_keys\u202e</name><size>99999999999999999999</size>"
              "<length>-5</length><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>!!notbase64</hash>"
              "</file><sources><url-data xmlns='http://jabber.org/protocol/url-data' "
              "target='http://evil.example/x'/></sources></file-sharing>"
              "<media xmlns='urn:imptech:media:0' kind='file'><waveform>" +
              QByteArray(2000, 'A') + "</waveform></media></message>");
    QString body = QStringLiteral("https://u.imp.test/a");
    const auto a = AttachmentCodec::decode(stanza, body);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->url, "https://u.imp.test/a") << "an http source is never used";
    EXPECT_FALSE(a->name.contains('/'));
    EXPECT_FALSE(a->name.startsWith('.'));
    EXPECT_FALSE(a->name.contains(QChar(0x202e))) << "no bidi override in a shown name";
    EXPECT_EQ(a->size, 0);
    EXPECT_EQ(a->durationMs, 0);
    EXPECT_TRUE(a->sha256.isEmpty());
    EXPECT_TRUE(a->waveform.isEmpty());
}

TEST(AttachmentCodecTest, PlainLinksAndNonHttpsUrlsStayText)
{
    QString body = QStringLiteral("see https://example.com");
    EXPECT_FALSE(AttachmentCodec::decode(
        parse("<message type='chat'><body>see https://example.com</body></message>"), body));
    body = QStringLiteral("http://example.com/a.ogg");
    EXPECT_FALSE(AttachmentCodec::decode(
        parse("<message type='chat'><body>http://example.com/a.ogg</body><x xmlns='jabber:x:oob'>"
              "<url>http://example.com/a.ogg</url></x></message>"),
        body));
    EXPECT_EQ(body, "http://example.com/a.ogg");
}

TEST(HttpUploadTest, SlotNeedsHttpsAndKeepsOnlyTheAllowedHeaders)
{
    const auto slot = imp::xmpp::HttpUpload::slotOf(
        parse("<iq type='result'><slot xmlns='urn:xmpp:http:upload:0'>"
              "<put url='https://up.imp.test/p/1'><header name='Authorization'>Bearer x</header>"
              "<header name='Host'>evil</header><header name='Cookie'>a=b</header></put>"
              "<get url='https://up.imp.test/g/1'/></slot></iq>"));
    ASSERT_TRUE(slot);
    ASSERT_EQ(slot->headers.size(), 2);
    EXPECT_EQ(slot->headers[0].first, "Authorization");
    EXPECT_EQ(slot->headers[1].first, "Cookie");
    EXPECT_FALSE(imp::xmpp::HttpUpload::slotOf(
        parse("<iq type='result'><slot xmlns='urn:xmpp:http:upload:0'><put url='http://up/p'/>"
              "<get url='https://up/g'/></slot></iq>")));
}

TEST(HttpUploadTest, ServiceAndItsLimitAreReadFromDisco)
{
    const auto service = imp::xmpp::HttpUpload::serviceOf(
        "upload.imp.test",
        parse("<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'>"
              "<identity category='store' type='file'/><feature var='urn:xmpp:http:upload:0'/>"
              "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'>"
              "<value>urn:xmpp:http:upload:0</value></field><field var='max-file-size'>"
              "<value>104857600</value></field></x></query></iq>"));
    ASSERT_TRUE(service);
    EXPECT_EQ(service->maxFileSize, 104857600);
    EXPECT_FALSE(imp::xmpp::HttpUpload::serviceOf(
        "groups.imp.test", parse("<iq type='result'><query "
                                 "xmlns='http://jabber.org/protocol/disco#info'/></iq>")));
}

TEST(RemoteUrlPolicyTest, NeverThisMachineOrTheLocalNetworkUnlessItIsOurServer)
{
    using imp::chat::attachments::RemoteUrlPolicy;
    RemoteUrlPolicy policy({QStringLiteral("localhost")});
    EXPECT_EQ(policy.check(QUrl("https://localhost:5281/f")), RemoteUrlPolicy::Verdict::Allowed);
    for (const char *url :
         {"https://127.0.0.1/x", "https://[::1]/x", "https://10.0.0.8/x", "https://192.168.1.1/x",
          "https://172.20.0.1/x", "https://169.254.169.254/latest", "https://100.64.0.1/x",
          "https://[fd00::1]/x", "https://[::ffff:127.0.0.1]/x", "https://printer.local/x",
          "https://a.localhost/x"})
        EXPECT_EQ(policy.check(QUrl(url)), RemoteUrlPolicy::Verdict::PrivateAddress) << url;
    EXPECT_EQ(policy.check(QUrl("http://example.com/x")), RemoteUrlPolicy::Verdict::NotHttps);
    EXPECT_EQ(policy.check(QUrl("https://93.184.216.34/x")), RemoteUrlPolicy::Verdict::Allowed);
    // A public name that resolves to a private address is refused too.
    EXPECT_EQ(policy.checkResolved(QUrl("https://rebind.example/x"),
                                   {QHostAddress("10.0.0.1"), QHostAddress("93.184.216.34")}),
              RemoteUrlPolicy::Verdict::PrivateAddress);
}

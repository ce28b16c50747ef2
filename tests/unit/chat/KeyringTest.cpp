#include "chat/Keyring.h"

#include <gtest/gtest.h>

using imp::chat::Keyring;

namespace {
Keyring keys(char index = 'i', char seal = 's')
{
    return Keyring(QByteArray(32, index), QByteArray(32, seal));
}
} // namespace

TEST(KeyringTest, TagsAreStableKeyedAndDomainSeparated)
{
    const Keyring k = keys();
    EXPECT_EQ(k.conversationTag("bob@localhost"), k.conversationTag("bob@localhost"));
    EXPECT_EQ(k.conversationTag("bob@localhost").size(), 32);
    // The same string in another role, or under another profile's key, gives another tag.
    EXPECT_NE(k.conversationTag("x"), k.stanzaIdTag("x"));
    EXPECT_NE(k.stanzaIdTag("x"), k.originIdTag("x"));
    EXPECT_NE(k.conversationTag("bob@localhost"), keys('j').conversationTag("bob@localhost"));
    // The tag does not carry the value.
    EXPECT_FALSE(k.conversationTag("bob@localhost").contains("bob"));
}

TEST(KeyringTest, SealedValuesOpenOnlyWithTheirAssociatedData)
{
    const Keyring k = keys();
    auto sealed = k.seal("你好 bob", "messages/sealed/1");
    ASSERT_TRUE(sealed);
    EXPECT_FALSE(sealed->contains("bob"));
    auto opened = k.open(sealed.value(), "messages/sealed/1");
    ASSERT_TRUE(opened);
    EXPECT_EQ(QString::fromUtf8(opened.value()), QStringLiteral("你好 bob"));
    EXPECT_FALSE(k.open(sealed.value(), "messages/sealed/2"));
    EXPECT_FALSE(keys('i', 't').open(sealed.value(), "messages/sealed/1"));
}

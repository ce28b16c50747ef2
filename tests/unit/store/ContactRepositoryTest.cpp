#include "store/ContactRepository.h"

#include "StoreTestSupport.h"
#include "crypto/Aead.h"
#include "crypto/SecureRandom.h"

#include <gtest/gtest.h>

using imp::crypto::Aead;
using imp::crypto::SecureRandom;
using imp::store::ContactRepository;
using imp::store::ContactRow;

namespace {

class ContactRepositoryTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static ContactRow contact(char tagByte, qint64 updatedTs)
    {
        return ContactRow{QByteArray(32, tagByte), QByteArray("\x01\x00sealed-", 9) + tagByte,
                          updatedTs};
    }

    std::vector<QByteArray> listedTags()
    {
        auto rows = ContactRepository(m_db).list();
        EXPECT_TRUE(rows.ok()) << rows.error();
        std::vector<QByteArray> tags;
        if (rows.ok()) {
            for (const ContactRow &row : *rows)
                tags.push_back(row.tag);
        }
        return tags;
    }
};

TEST_F(ContactRepositoryTest, UpsertFindAndReplace)
{
    ContactRepository repo(m_db);
    auto none = repo.find(QByteArray(32, 'a'));
    ASSERT_TRUE(none.ok()) << none.error();
    EXPECT_FALSE(none->has_value());

    IMP_ASSERT_OK(repo.upsert(contact('a', 100)));
    auto found = repo.find(QByteArray(32, 'a'));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->sealed, contact('a', 0).sealed);
    EXPECT_EQ((*found)->updatedTs, 100);

    ContactRow renamed = contact('a', 200);
    renamed.sealed = "renamed";
    IMP_ASSERT_OK(repo.upsert(renamed));
    found = repo.find(QByteArray(32, 'a'));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->sealed, QByteArray("renamed"));
    EXPECT_EQ((*found)->updatedTs, 200);
    EXPECT_EQ(listedTags().size(), 1u) << "the same contact is never listed twice";
}

TEST_F(ContactRepositoryTest, ListIsOrderedByTagAndRemoveTakesOneOut)
{
    ContactRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(contact('c', 1)));
    IMP_ASSERT_OK(repo.upsert(contact('a', 3)));
    IMP_ASSERT_OK(repo.upsert(contact('b', 2)));
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{QByteArray(32, 'a'), QByteArray(32, 'b'),
                                                     QByteArray(32, 'c')}));
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'b')));
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'x'))); // not there: not an error
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{QByteArray(32, 'a'), QByteArray(32, 'c')}));
}

TEST_F(ContactRepositoryTest, EmptyTagIsRefused)
{
    ContactRepository repo(m_db);
    ContactRow row = contact('a', 1);
    row.tag = QByteArray("");
    EXPECT_FALSE(repo.upsert(row).ok());
    EXPECT_FALSE(repo.find(QByteArray()).ok());
    EXPECT_FALSE(repo.remove(QByteArray()).ok());
    ContactRow noSealed = contact('a', 1);
    noSealed.sealed = QByteArray();
    EXPECT_FALSE(repo.upsert(noSealed).ok());
    EXPECT_TRUE(listedTags().empty());
}

TEST_F(ContactRepositoryTest, SealedValueOpensOnlyUnderItsOwnTag)
{
    EXPECT_EQ(ContactRepository::sealedAssociatedData(QByteArray("\xab", 1)),
              QByteArray("contacts/sealed/ab"));
    const QByteArray key = SecureRandom::bytes(32);
    const QByteArray tag(32, 'a');
    auto sealed = Aead::seal(key, "name:Alice", ContactRepository::sealedAssociatedData(tag));
    ASSERT_TRUE(sealed.ok());
    ContactRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(ContactRow{tag, *sealed, 1}));
    auto found = repo.find(tag);
    ASSERT_TRUE(found.ok() && found->has_value());
    auto opened = Aead::open(key, (*found)->sealed, ContactRepository::sealedAssociatedData(tag));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("name:Alice"));
    EXPECT_FALSE(Aead::open(key, (*found)->sealed,
                            ContactRepository::sealedAssociatedData(QByteArray(32, 'b')))
                     .ok());
}

TEST_F(ContactRepositoryTest, DiskFullIsAnErrorAndTheDatabaseStaysUsable)
{
    ContactRepository repo(m_db);
    fillTheDisk();
    ContactRow big = contact('a', 1);
    big.sealed = QByteArray(256 * 1024, 'x');
    auto full = repo.upsert(big);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "store.disk_full") << full.error().detail;
    EXPECT_TRUE(listedTags().empty());
    freeTheDisk();
    IMP_ASSERT_OK(repo.upsert(big));
    EXPECT_EQ(listedTags().size(), 1u);
}

} // namespace

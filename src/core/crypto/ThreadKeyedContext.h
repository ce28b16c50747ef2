#pragma once

// Not part of crypto's public API: shared by Hmac.cpp and Aead.cpp.

#include <QByteArray>
#include <openssl/crypto.h>

namespace imp::crypto::detail {

// One OpenSSL context per thread, keyed for the last key that thread used. OpenSSL 3 looks an
// algorithm up by name, under process-wide locks, whenever a context is made or keyed: for a
// message that is three tags and one seal, that lookup was most of the cost. Calls in a row
// under the same key (the index key, the message key) reuse the keyed context instead. The
// context and the private copy of the key are freed and cleansed when another key comes or the
// thread ends; the key lives no longer in memory than in the caller's keyring.
template <class Ctx, void (*Free)(Ctx *)> class ThreadKeyedContext {
public:
    ThreadKeyedContext() = default;
    ~ThreadKeyedContext() { forget(); }
    ThreadKeyedContext(const ThreadKeyedContext &) = delete;
    ThreadKeyedContext &operator=(const ThreadKeyedContext &) = delete;

    // The context when it is keyed for `key`, else nullptr.
    Ctx *forKey(const QByteArray &key) const
    {
        if (m_ctx == nullptr || key.size() != m_key.size())
            return nullptr;
        if (!key.isEmpty() &&
            CRYPTO_memcmp(key.constData(), m_key.constData(), static_cast<size_t>(key.size())) != 0)
            return nullptr;
        return m_ctx;
    }

    // Takes ownership of `ctx`, keyed for `key`.
    void keep(Ctx *ctx, const QByteArray &key)
    {
        forget();
        m_ctx = ctx;
        m_key = QByteArray(key.constData(), key.size()); // a copy of its own, never shared
    }

    // Drops the context (after a failure its state is unknown).
    void forget()
    {
        if (m_ctx != nullptr)
            Free(m_ctx);
        m_ctx = nullptr;
        if (!m_key.isEmpty())
            OPENSSL_cleanse(m_key.data(), static_cast<size_t>(m_key.size()));
        m_key.clear();
    }

private:
    Ctx *m_ctx = nullptr;
    QByteArray m_key;
};

} // namespace imp::crypto::detail

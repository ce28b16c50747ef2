#pragma once

#include <string>
#include <utility>
#include <variant>

namespace imp {

// A failure that callers can branch on (code) and that is safe to log (detail never carries
// personal data: no phone, code, password, key or message body).
struct Error {
    std::string code;   // stable identifier, e.g. "crypto.auth_failed"
    std::string detail; // English, for logs only; the UI maps `code` to a translated message
};

// Minimal expected<T, Error>: libstdc++ 12 has no std::expected in C++20.
template <class T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(std::string code, std::string detail = {})
{
    return Error{std::move(code), std::move(detail)};
}

} // namespace imp

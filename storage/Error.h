#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace fieldline::storage {

/** What went wrong, in terms the application can act on. */
enum class ErrorCode {
    WrongKey,    ///< the passphrase or key does not open this file
    Damaged,     ///< the file is corrupt or was tampered with
    StorageFull, ///< the disk (or the configured limit) is full; retry after freeing space
    Io,          ///< any other I/O failure
    Busy,        ///< the database is locked by someone else
    Constraint,  ///< a constraint was violated by the caller's data
    NotFound,    ///< the file or row does not exist
    Invalid,     ///< the caller passed something malformed
    TooLarge,    ///< a value is larger than Fieldline stores or shares; nothing was written
    Unsupported, ///< a capability is missing on this machine
    Internal,    ///< a bug: SQLite misuse and the like
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    int sqliteCode = 0;
};

/** Success, or an Error. Functions that produce nothing return this. */
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) // NOLINT(google-explicit-constructor): errors convert implicitly
        : m_error(std::move(error))
    {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    ErrorCode code() const { return m_error->code; }
    QString message() const { return m_error ? m_error->message : QString(); }

private:
    std::optional<Error> m_error;
};

/** A value, or an Error. */
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor)
        : m_value(std::move(value))
    {}
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_value(std::move(error))
    {}
    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<T>(m_value); }
    const T &value() const { return std::get<T>(m_value); }
    T &operator*() { return value(); }
    T *operator->() { return &value(); }
    const Error &error() const { return std::get<Error>(m_value); }
    ErrorCode code() const { return error().code; }
    /** The error's message, or empty on success (safe to evaluate eagerly, e.g. in QVERIFY2). */
    QString message() const { return ok() ? QString() : error().message; }
    Status status() const { return ok() ? Status() : Status(error()); }

private:
    std::variant<T, Error> m_value;
};

} // namespace fieldline::storage

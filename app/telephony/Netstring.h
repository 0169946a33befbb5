#pragma once

#include <QByteArray>

#include <optional>

namespace fieldline::telephony {

/**
 * Netstrings ("<length>:<bytes>,"), the framing of baresip's ctrl_tcp socket. The reader takes bytes as they
 * arrive and gives whole messages back; a length over the limit, or any framing error, makes it fail for good
 * (the caller drops the connection), so a confused peer can never make it buffer without bound.
 */
class NetstringReader
{
public:
    explicit NetstringReader(qsizetype maxMessage = 256 * 1024)
        : m_max(maxMessage)
    {}

    void append(const QByteArray &bytes);
    /** The next whole message, or nullopt until more bytes come (or after a failure). */
    std::optional<QByteArray> next();
    bool failed() const { return m_failed; }

private:
    QByteArray m_buffer;
    qsizetype m_max;
    bool m_failed = false;
};

QByteArray netstring(const QByteArray &message);

} // namespace fieldline::telephony

#include "app/telephony/Netstring.h"

namespace fieldline::telephony {

void NetstringReader::append(const QByteArray &bytes)
{
    if (!m_failed)
        m_buffer.append(bytes);
}

std::optional<QByteArray> NetstringReader::next()
{
    if (m_failed)
        return std::nullopt;
    const qsizetype colon = m_buffer.indexOf(':');
    const qsizetype digits = colon < 0 ? m_buffer.size() : colon;
    // Lengths are plain decimal digits, with no more of them than the limit needs.
    const qsizetype maxDigits = QByteArray::number(m_max).size();
    for (qsizetype i = 0; i < std::min(digits, maxDigits + 1); ++i) {
        if (m_buffer.at(i) < '0' || m_buffer.at(i) > '9') {
            m_failed = true;
            return std::nullopt;
        }
    }
    // No leading zeros ("050:" is not 50), as netstrings are defined: one message has one spelling.
    if (digits > maxDigits || colon == 0 || (digits > 1 && m_buffer.at(0) == '0')) {
        m_failed = true;
        return std::nullopt;
    }
    if (colon < 0)
        return std::nullopt;
    const qsizetype length = m_buffer.left(colon).toLongLong();
    if (length > m_max) {
        m_failed = true;
        return std::nullopt;
    }
    const qsizetype end = colon + 1 + length;
    if (m_buffer.size() <= end)
        return std::nullopt;
    if (m_buffer.at(end) != ',') {
        m_failed = true;
        return std::nullopt;
    }
    QByteArray message = m_buffer.mid(colon + 1, length);
    m_buffer.remove(0, end + 1);
    return message;
}

QByteArray netstring(const QByteArray &message)
{
    QByteArray out = QByteArray::number(message.size());
    out += ':';
    out += message;
    out += ',';
    return out;
}

} // namespace fieldline::telephony

#pragma once

#include "storage/Error.h"

#include <QByteArray>
#include <QString>

namespace fieldline::server {

/**
 * The server operator's secret: whoever presents it may create tenants and administer any of them.
 *
 * It lives in <dataDir>/operator-token (mode 0600), written on first start from 32 random bytes, so the person
 * who can read the server's data folder is the operator and nothing has to be passed on a command line. Only its
 * hash is held in memory, and a presented token is compared in constant time. It has no dot, so it can never be
 * mistaken for a device token ("<tenant id>.<secret>").
 */
class OperatorToken
{
public:
    static constexpr const char *FileName = "operator-token";

    /** Reads <dataDir>/operator-token, creating it first if it does not exist. */
    static storage::Result<OperatorToken> loadOrCreate(const QString &dataDir);

    /** True when @p presented is the operator token. */
    bool matches(const QByteArray &presented) const;
    const QString &path() const { return m_path; }
    /**
     * A 32-byte key for @p purpose, derived from the token: the same on every instance that holds the same token
     * file (as the instances of one deployment do), unknown to anyone who cannot read that file.
     */
    QByteArray derivedKey(const QByteArray &purpose) const;

private:
    OperatorToken(QString path, QByteArray hash);

    QString m_path;
    QByteArray m_hash;
};

} // namespace fieldline::server

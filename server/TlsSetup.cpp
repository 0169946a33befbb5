#include "TlsSetup.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;

namespace {

constexpr qint64 MaxPemBytes = 1 << 20;

storage::Result<QByteArray> readPem(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{
            ErrorCode::NotFound,
            QStringLiteral("Cannot read the TLS %1 file %2: %3").arg(QLatin1String(what), path, file.errorString())};
    if (file.size() > MaxPemBytes)
        return Error{ErrorCode::Invalid,
                     QStringLiteral("The TLS %1 file %2 is larger than 1 MiB.").arg(QLatin1String(what), path)};
    return file.read(MaxPemBytes);
}

} // namespace

storage::Result<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile, const QString &keyFile)
{
    auto certificatePem = readPem(certificateFile, "certificate");
    if (!certificatePem)
        return certificatePem.error();
    auto keyPem = readPem(keyFile, "key");
    if (!keyPem)
        return keyPem.error();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.front().isNull())
        return Error{ErrorCode::Invalid,
                     QStringLiteral("%1 holds no PEM certificate (BEGIN CERTIFICATE).").arg(certificateFile)};
    QSslKey key(*keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        key = QSslKey(*keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        return Error{ErrorCode::Invalid,
                     QStringLiteral("%1 holds no unencrypted RSA or EC private key in PEM.").arg(keyFile)};
    if (chain.front().expiryDate() < QDateTime::currentDateTimeUtc())
        return Error{ErrorCode::Invalid, QStringLiteral("The certificate in %1 expired on %2.")
                                             .arg(certificateFile, chain.front().expiryDate().toString(Qt::ISODate))};
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // devices authenticate with tokens, not certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace fieldline::server

#pragma once

#include "storage/Error.h"

#include <QSslConfiguration>
#include <QString>

namespace fieldline::server {

/**
 * The server's TLS identity from two PEM files: the certificate chain (leaf first) and its private key (RSA or
 * EC, unencrypted). Files over 1 MiB are refused unread. Errors name the file and what is wrong with it.
 */
storage::Result<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile, const QString &keyFile);

} // namespace fieldline::server

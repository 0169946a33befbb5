#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fieldline::testsupport {

/**
 * Searches every regular file below the given folders (or the given files) for a canary string in UTF-8 and
 * UTF-16 (LE and BE). Returns "path: encoding" for every hit; empty means no plaintext at rest.
 */
QStringList findCanary(const QStringList &paths, const QString &canary);

} // namespace fieldline::testsupport

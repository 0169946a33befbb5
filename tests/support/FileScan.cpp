#include "tests/support/FileScan.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace fieldline::testsupport {

namespace {

QByteArray utf16(const QString &text, bool bigEndian)
{
    QByteArray out;
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8);
        const char lo = char(c.unicode() & 0xff);
        out.append(bigEndian ? hi : lo);
        out.append(bigEndian ? lo : hi);
    }
    return out;
}

void scanFile(const QString &path, const QList<QPair<QString, QByteArray>> &needles, QStringList *hits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray content = file.readAll();
    for (const auto &[encoding, needle] : needles) {
        if (content.contains(needle))
            hits->append(path + QStringLiteral(": ") + encoding);
    }
}

} // namespace

QStringList findCanary(const QStringList &paths, const QString &canary)
{
    const QList<QPair<QString, QByteArray>> needles = {
        {QStringLiteral("UTF-8"), canary.toUtf8()},
        {QStringLiteral("UTF-16LE"), utf16(canary, false)},
        {QStringLiteral("UTF-16BE"), utf16(canary, true)},
    };
    QStringList hits;
    for (const QString &path : paths) {
        if (QFileInfo(path).isFile()) {
            scanFile(path, needles, &hits);
            continue;
        }
        QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            scanFile(it.next(), needles, &hits);
    }
    return hits;
}

} // namespace fieldline::testsupport

#include "app/telemarketing/ContactCard.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QRegularExpression>

namespace fieldline::telemarketing {

QString ContactCard::displayName() const
{
    const QString name =
        QStringList{fields.value(QStringLiteral("first_name")), fields.value(QStringLiteral("last_name"))}
            .join(u' ')
            .trimmed();
    return name.isEmpty() ? fields.value(QStringLiteral("company")) : name;
}

storage::Result<ContactCard> ContactCard::read(storage::Database &db, const sync::RowId &contact)
{
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT first_name, last_name, company, phone FROM contacts WHERE id = ?");
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    row.bind(1, contact.toBytes());
    storage::Result<bool> found = row.step();
    if (!found)
        return found.error();
    ContactCard card;
    if (*found) {
        int column = 0;
        for (const char *name : {"first_name", "last_name", "company", "phone"})
            card.fields.insert(QString::fromLatin1(name), row.text(column++));
    }
    row.reset();
    storage::Result<storage::Statement *> calls =
        db.prepare("SELECT started_ms, duration_ms, disposition, owner, note FROM call_attempts WHERE contact = ?"
                   " ORDER BY started_ms DESC LIMIT 20");
    if (!calls)
        return calls.error();
    calls.value()->bind(1, contact.toBytes());
    const storage::Status read = calls.value()->forEachRow([&card](const storage::Statement &call) {
        card.history.push_back({call.int64(0), call.int64(1), call.text(2), call.text(3), call.text(4)});
    });
    if (!read)
        return read.error();
    return card;
}

QString ContactCard::merge(const QString &script, const QString &agent) const
{
    static const QRegularExpression field(QStringLiteral("\\{\\{\\s*(contact|agent)\\.([a-z_]{1,40})\\s*\\}\\}"));
    QString out;
    qsizetype from = 0;
    for (QRegularExpressionMatchIterator it = field.globalMatch(script); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(script).mid(from, match.capturedStart() - from);
        if (match.captured(1) == QLatin1String("agent"))
            out += match.captured(2) == QLatin1String("name") ? agent : QString();
        else
            out += fields.value(match.captured(2));
        from = match.capturedEnd();
    }
    out += QStringView(script).mid(from);
    return out;
}

} // namespace fieldline::telemarketing

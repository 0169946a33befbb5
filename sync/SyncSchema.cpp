#include "sync/SyncSchema.h"

#include <set>

namespace fieldline::sync {

bool TableSchema::hasColumn(const QString &column) const
{
    for (const ColumnSchema &c : columns) {
        if (c.name == column)
            return true;
    }
    return false;
}

const TableSchema *SyncSchema::find(const QString &table) const
{
    for (const TableSchema &t : tables) {
        if (t.name == table)
            return &t;
    }
    return nullptr;
}

bool SyncSchema::isIdentifier(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 || name.startsWith(QLatin1String("crdt_"), Qt::CaseInsensitive) ||
        name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive))
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        if (!letter && !(i > 0 && c >= u'0' && c <= u'9'))
            return false;
    }
    return true;
}

storage::Status SyncSchema::validate() const
{
    auto invalid = [](const QString &what) { return storage::Error{storage::ErrorCode::Invalid, what}; };
    std::set<QString> tableNames;
    for (const TableSchema &t : tables) {
        if (!isIdentifier(t.name) || !tableNames.insert(t.name.toLower()).second)
            return invalid(QStringLiteral("bad or duplicate synced table name '%1'").arg(t.name));
        std::set<QString> columnNames{QStringLiteral("id")};
        for (const ColumnSchema &c : t.columns) {
            if (!isIdentifier(c.name) || !columnNames.insert(c.name.toLower()).second)
                return invalid(QStringLiteral("bad or duplicate column '%1' in synced table '%2'").arg(c.name, t.name));
        }
    }
    return {};
}

} // namespace fieldline::sync

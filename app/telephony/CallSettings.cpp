#include "app/telephony/CallSettings.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QHash>

namespace fieldline::telephony {

namespace {

constexpr const char *Prefix = "calls.";

QString schemeName(UriHandoffTelephony::Scheme scheme)
{
    switch (scheme) {
    case UriHandoffTelephony::Scheme::Sip:
        return QStringLiteral("sip");
    case UriHandoffTelephony::Scheme::Callto:
        return QStringLiteral("callto");
    case UriHandoffTelephony::Scheme::Tel:
        break;
    }
    return QStringLiteral("tel");
}

UriHandoffTelephony::Scheme schemeFrom(const QString &name)
{
    if (name == QLatin1String("sip"))
        return UriHandoffTelephony::Scheme::Sip;
    if (name == QLatin1String("callto"))
        return UriHandoffTelephony::Scheme::Callto;
    return UriHandoffTelephony::Scheme::Tel;
}

} // namespace

storage::Result<CallSettings> CallSettings::load(storage::Database &db)
{
    auto query = db.prepare("SELECT substr(key, 7), value FROM settings WHERE key LIKE 'calls.%'");
    if (!query)
        return query.error();
    QHash<QString, QString> stored;
    const storage::Status read = query.value()->forEachRow(
        [&stored](const storage::Statement &row) { stored.insert(row.text(0), row.text(1)); });
    if (!read)
        return read.error();
    CallSettings settings;
    settings.backend =
        stored.value(QStringLiteral("backend")) == QLatin1String("builtin") ? Backend::BuiltIn : Backend::Softphone;
    settings.scheme = schemeFrom(stored.value(QStringLiteral("scheme")));
    settings.account.user = stored.value(QStringLiteral("sip.user"));
    settings.account.domain = stored.value(QStringLiteral("sip.domain"));
    settings.account.password = stored.value(QStringLiteral("sip.password"));
    settings.account.displayName = stored.value(QStringLiteral("sip.display_name"));
    settings.account.registers = stored.value(QStringLiteral("sip.register")) == QLatin1String("1");
    return settings;
}

storage::Status CallSettings::save(storage::Database &db) const
{
    const QList<std::pair<QString, QString>> values{
        {QStringLiteral("backend"),
         backend == Backend::BuiltIn ? QStringLiteral("builtin") : QStringLiteral("softphone")},
        {QStringLiteral("scheme"), schemeName(scheme)},
        {QStringLiteral("sip.user"), account.user},
        {QStringLiteral("sip.domain"), account.domain},
        {QStringLiteral("sip.password"), account.password},
        {QStringLiteral("sip.display_name"), account.displayName},
        {QStringLiteral("sip.register"), account.registers ? QStringLiteral("1") : QStringLiteral("0")},
    };
    storage::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun();
    auto upsert = db.prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!upsert)
        return upsert.error();
    for (const auto &[key, value] : values) {
        upsert.value()->bind(1, QLatin1String(Prefix) + key).bind(2, value);
        const storage::Status stored = upsert.value()->run();
        upsert.value()->reset();
        if (!stored)
            return stored;
    }
    return transaction.commit();
}

} // namespace fieldline::telephony

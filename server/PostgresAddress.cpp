#include "PostgresAddress.h"

#include <QUrl>
#include <QUrlQuery>

namespace fieldline::server {

std::optional<PostgresAddress> PostgresAddress::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::optional<PostgresAddress>();
    };
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return fail(QStringLiteral("--postgres wants a URL like postgresql://user:password@127.0.0.1:5432/fieldline."));
    PostgresAddress address;
    address.host = url.host(QUrl::FullyDecoded);
    address.port = url.port(5432);
    address.user = url.userName(QUrl::FullyDecoded);
    address.password = url.password(QUrl::FullyDecoded);
    address.database = url.path(QUrl::FullyDecoded).mid(1);
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key.contains(u'=') || key.contains(u';') || value.contains(u';'))
            return fail(QStringLiteral("The PostgreSQL URL option %1 cannot contain '=' or ';'.").arg(key));
        options.append(key + u'=' + value);
    }
    address.options = options.join(u';');
    if (address.user.isEmpty() || address.database.isEmpty() || address.database.contains(u'/'))
        return fail(QStringLiteral("The PostgreSQL URL must name a user and a database: "
                                   "postgresql://user@host:port/database."));
    return address;
}

QString PostgresAddress::display() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    return url.toString();
}

} // namespace fieldline::server

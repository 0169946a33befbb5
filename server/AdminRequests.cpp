#include "AdminRequests.h"

#include "ReplicationScope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace fieldline::server::admin {

using storage::Error;
using storage::ErrorCode;
using storage::Result;

namespace {

Error invalid(const QString &message)
{
    return Error{ErrorCode::Invalid, message};
}

Result<QJsonObject> jsonObject(QByteArrayView body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("The body is not valid JSON: ") + parseError.errorString());
    if (!document.isObject())
        return invalid(QStringLiteral("The body must be a JSON object."));
    return document.object();
}

bool validTenantName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

/** Logins travel in URL paths, so '/' is refused along with control characters. */
bool validLogin(const QString &login)
{
    if (login.isEmpty() || login.size() > 128)
        return false;
    return std::none_of(login.cbegin(), login.cend(),
                        [](QChar c) { return c == u'/' || c.category() == QChar::Other_Control; });
}

/** The password rule's refusal, or nullopt when @p password follows it. */
std::optional<Error> checkPassword(const QString &password)
{
    if (password.size() >= MinPasswordLength && password.size() <= MaxPasswordLength)
        return std::nullopt;
    return invalid(QStringLiteral("A password must be %1 to %2 characters.")
                       .arg(QString::number(MinPasswordLength), QString::number(MaxPasswordLength)));
}

} // namespace

Result<TenantCreate> parseTenantCreate(QByteArrayView body)
{
    Result<QJsonObject> object = jsonObject(body);
    if (!object)
        return object.error();
    const QJsonValue name = object->value(QLatin1String("name"));
    if (!name.isString() || !validTenantName(name.toString()))
        return invalid(
            QStringLiteral("A tenant needs a name of 1 to 64 letters, digits, dots, dashes or underscores."));
    return TenantCreate{name.toString()};
}

Result<UserCreate> parseUserCreate(QByteArrayView body)
{
    Result<QJsonObject> object = jsonObject(body);
    if (!object)
        return object.error();
    const QJsonValue login = object->value(QLatin1String("login"));
    const QJsonValue password = object->value(QLatin1String("password"));
    const QJsonValue role = object->value(QLatin1String("role"));
    if (!login.isString() || !password.isString() || !role.isString())
        return invalid(QStringLiteral("A user needs login, password and role, each a string."));
    if (!validLogin(login.toString()))
        return invalid(QStringLiteral("A login must be 1 to 128 characters, without '/' or control characters."));
    if (std::optional<Error> refused = checkPassword(password.toString()))
        return *refused;
    const std::optional<Role> parsedRole = roleFromName(role.toString());
    if (!parsedRole)
        return invalid(QStringLiteral("The role must be agent, field, manager or admin."));
    return UserCreate{login.toString(), password.toString(), *parsedRole};
}

Result<PasswordChange> parsePasswordChange(QByteArrayView body)
{
    Result<QJsonObject> object = jsonObject(body);
    if (!object)
        return object.error();
    const QJsonValue password = object->value(QLatin1String("password"));
    if (!password.isString())
        return invalid(QStringLiteral("A password change needs password, a string."));
    if (std::optional<Error> refused = checkPassword(password.toString()))
        return *refused;
    return PasswordChange{password.toString()};
}

Result<TerritoriesChange> parseTerritoriesChange(QByteArrayView body)
{
    Result<QJsonObject> object = jsonObject(body);
    if (!object)
        return object.error();
    const QJsonValue territories = object->value(QLatin1String("territories"));
    if (!territories.isArray())
        return invalid(QStringLiteral("A territories change needs territories, an array of names."));
    const QJsonArray names = territories.toArray();
    if (names.size() > MaxTerritories)
        return invalid(QStringLiteral("A user has at most %1 territories.").arg(MaxTerritories));
    TerritoriesChange change;
    for (const QJsonValue &name : names) {
        if (!name.isString() || !ReplicationScope::isTerritoryName(name.toString()))
            return invalid(QStringLiteral("A territory name is 1 to 64 characters, without commas, control "
                                          "characters or spaces at either end."));
        if (!change.territories.contains(name.toString()))
            change.territories.append(name.toString());
    }
    return change;
}

} // namespace fieldline::server::admin

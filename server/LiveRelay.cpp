#include "LiveRelay.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <optional>

Q_LOGGING_CATEGORY(lcRelay, "fieldline.server.relay")

namespace fieldline::server {

namespace {
const QString RevokedTag = QStringLiteral("revoked");
const QString FailedTag = QStringLiteral("failed");

/** A number written only with the digits 0-9, as publish() writes it: no sign, no space, no overflow. */
std::optional<qint64> decimal(const QString &text)
{
    if (text.isEmpty() || !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}
} // namespace

LiveRelay::LiveRelay(const QString &connectionName, CursorMoved cursorMoved, DeviceRevoked deviceRevoked,
                     QObject *parent)
    : QObject(parent)
    , m_connectionName(connectionName)
    , m_cursorMoved(std::move(cursorMoved))
    , m_deviceRevoked(std::move(deviceRevoked))
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlDriver *driver = db.driver();
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    m_active = driver->subscribeToNotification(QLatin1String(Channel));
    if (!m_active) {
        qCWarning(lcRelay) << "cannot listen for other instances' pushes:" << driver->lastError().text()
                           << "- devices on this instance learn of them at their next timed sync";
        return;
    }
    connect(driver, &QSqlDriver::notification, this, &LiveRelay::received);
}

LiveRelay::~LiveRelay()
{
    if (!m_active)
        return;
    if (QSqlDriver *driver = QSqlDatabase::database(m_connectionName, false).driver()) {
        driver->disconnect(this);
        driver->unsubscribeFromNotification(QLatin1String(Channel));
    }
}

void LiveRelay::publish(qint64 tenantId, qint64 cursor)
{
    send(QStringLiteral("%1:%2").arg(tenantId).arg(cursor));
}

void LiveRelay::publishRevoked(qint64 tenantId, qint64 deviceId)
{
    // A lost one leaves the device's sockets on other instances open until their next recheck (LiveChannel).
    send(QStringLiteral("%1:%2:%3").arg(RevokedTag).arg(tenantId).arg(deviceId));
}

void LiveRelay::listenAgain()
{
    if (!m_active)
        return;
    QSqlDriver *driver = QSqlDatabase::database(m_connectionName, false).driver();
    if (!driver->subscribedToNotifications().contains(QLatin1String(Channel)) &&
        !driver->subscribeToNotification(QLatin1String(Channel)))
        qCWarning(lcRelay) << "cannot listen again for other instances' news:" << driver->lastError().text();
}

void LiveRelay::send(const QString &payload)
{
    if (!m_active)
        return;
    listenAgain();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Numbers, hex digests, a fixed tag and a fixed channel name spliced into the text: one simple-protocol round trip,
    // where a prepared query takes three.
    QSqlQuery notify(db);
    // A lost cursor notification costs the other instances' devices only latency: they pull at their next timed
    // sync.
    if (!notify.exec(QStringLiteral("SELECT pg_notify('%1', '%2')").arg(QLatin1String(Channel), payload)))
        qCWarning(lcRelay) << "cannot notify other instances:" << notify.lastError().text();
}

void LiveRelay::publishLogin(const LoginThrottle::News &news)
{
    // Keyed digests only: neither the login nor the address is written where PostgreSQL might log it. Checked here
    // too, as the text is spliced into the statement.
    if (!LoginThrottle::isDigest(news.account) || !LoginThrottle::isDigest(news.address))
        return;
    send(FailedTag + u':' + QString::fromLatin1(news.account) + u':' + QString::fromLatin1(news.address));
}

void LiveRelay::received(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload)
{
    if (name != QLatin1String(Channel) || source == QSqlDriver::SelfSource)
        return;
    if (!dispatch(payload.toString().split(u':')))
        qCWarning(lcRelay) << "ignored a malformed notification:" << payload.toString();
}

bool LiveRelay::dispatch(const QStringList &parts)
{
    const QString &tag = parts.constFirst();
    if (parts.size() == 3 && tag == FailedTag) {
        const LoginThrottle::News news{parts[1].toLatin1(), parts[2].toLatin1()};
        if (!LoginThrottle::isDigest(news.account) || !LoginThrottle::isDigest(news.address))
            return false;
        if (m_loginNews)
            m_loginNews(news);
        return true;
    }
    const bool revoked = parts.size() == 3 && tag == RevokedTag;
    if (!revoked && parts.size() != 2)
        return false;
    const std::optional<qint64> tenantId = decimal(parts[revoked ? 1 : 0]);
    const std::optional<qint64> number = decimal(parts[revoked ? 2 : 1]);
    if (!tenantId || !number || *tenantId <= 0)
        return false;
    if (revoked && m_deviceRevoked)
        m_deviceRevoked(*tenantId, *number);
    else if (!revoked && m_cursorMoved)
        m_cursorMoved(*tenantId, *number);
    return true;
}

} // namespace fieldline::server

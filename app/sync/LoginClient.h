#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

namespace fieldline::app {

/** What a login attempt ended with. The UI words each case; detail carries the technical part. */
enum class LoginProblem {
    None,
    BadUrl,           ///< not https, and not plain http to this computer
    WrongCredentials, ///< the server's single answer for unknown tenant, unknown user and wrong password
    Throttled,        ///< too many failures; retryAfterSeconds says how long to wait
    Offline,          ///< no answer
    ServerError,      ///< anything else
    OtherAccount,     ///< this profile belongs to another server, tenant or user (refused before asking)
};

struct LoginResult
{
    LoginProblem problem = LoginProblem::None;
    QString detail;
    int retryAfterSeconds = 0;
    QByteArray token;
    QString role;
    qint64 serverTimeMs = 0; ///< the server's clock when it answered (unix ms)
};

/** POSTs the protocol's CBOR login-request to /v1/login and reports the device token or why there is none. */
class LoginClient : public QObject
{
    Q_OBJECT
public:
    explicit LoginClient(QObject *parent = nullptr);

    /** Runs asynchronously; finished() follows exactly once. */
    void login(const QUrl &server, const QString &tenant, const QString &user, const QString &password,
               const QString &deviceName);

signals:
    void finished(const fieldline::app::LoginResult &result);

private:
    QNetworkAccessManager m_network;
};

} // namespace fieldline::app

#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
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

    /**
     * Runs asynchronously; finished() follows exactly once, unless another login() or cancel() comes first: an
     * attempt still under way is then dropped without a word, so an answer always belongs to the latest attempt.
     */
    void login(const QUrl &server, const QString &tenant, const QString &user, const QString &password,
               const QString &deviceName);
    /** Drops the attempt under way, if any (its finished() never comes). */
    void cancel();

signals:
    void finished(const fieldline::app::LoginResult &result);

private:
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_reply; ///< the attempt under way
    quint64 m_attempt = 0;           ///< counts attempts, so a queued answer of an earlier one is dropped
};

} // namespace fieldline::app

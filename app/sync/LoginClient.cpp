#include "app/sync/LoginClient.h"

#include "sync/SyncTransport.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QNetworkReply>
#include <QTimer>

namespace fieldline::app {

LoginClient::LoginClient(QObject *parent)
    : QObject(parent)
{}

void LoginClient::login(const QUrl &server, const QString &tenant, const QString &user, const QString &password,
                        const QString &deviceName)
{
    cancel();
    const quint64 attempt = ++m_attempt;
    if (!sync::HttpSyncTransport::isAllowedUrl(server)) {
        // Queued, so the caller always hears back from the event loop, whatever happened.
        QTimer::singleShot(0, this, [this, server, attempt] {
            if (attempt == m_attempt)
                emit finished({LoginProblem::BadUrl, server.toString(), 0, {}, {}});
        });
        return;
    }
    QUrl url = server;
    url.setPath(QStringLiteral("/v1/login"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/cbor"));
    request.setTransferTimeout(30000);
    const QByteArray body = sync::protocol::encode(sync::protocol::LoginRequest{tenant, user, password, deviceName});
    QNetworkReply *reply = m_network.post(request, body);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_reply = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(64 * 1024);
        LoginResult result;
        std::optional<sync::protocol::LoginResponse> granted;
        if (auto decoded = sync::protocol::decode<sync::protocol::LoginResponse>(answer);
            status == 200 && decoded && !decoded->token.isEmpty())
            granted = *decoded;
        if (granted) {
            result.token = granted->token.toLatin1();
            result.role = granted->role;
            result.serverTimeMs = granted->serverTimeMs;
        } else if (status == 0) {
            result.problem = LoginProblem::Offline;
            result.detail = reply->errorString();
        } else if (status == 401) {
            result.problem = LoginProblem::WrongCredentials;
        } else if (status == 429) {
            result.problem = LoginProblem::Throttled;
            result.retryAfterSeconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).trimmed().toInt();
        } else {
            result.problem = LoginProblem::ServerError;
            auto error = sync::protocol::decode<sync::protocol::ErrorMessage>(answer);
            result.detail = QStringLiteral("HTTP %1: %2")
                                .arg(status)
                                .arg(error ? error->message : QStringLiteral("the answer is not a login-response"));
        }
        emit finished(result);
    });
}

void LoginClient::cancel()
{
    ++m_attempt;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this); // abort() finishes the reply at once: that answer is no one's now
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace fieldline::app

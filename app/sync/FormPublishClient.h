#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace fieldline::app {

/**
 * Publishes a form layout from the client (the designer) through the server's forms API, as the signed-in user:
 * the server accepts it from a tenant admin's device token and checks it with the same reader. The answer comes
 * back as one sentence for the user.
 */
class FormPublishClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int TimeoutMs = 30'000;
    using Done = std::function<void(bool published, const QString &message)>;

    explicit FormPublishClient(QObject *parent = nullptr);
    void publish(const QUrl &server, const QString &tenant, const QByteArray &token, const QByteArray &json, Done done);

private:
    QNetworkAccessManager m_network;
};

} // namespace fieldline::app

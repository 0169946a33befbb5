#include "ServerProcess.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QUrl>

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::executable()
{
    return QStringLiteral(FIELDLINE_SERVER_EXE);
}

bool ServerProcess::start(const QString &dataDir, const QStringList &extraArguments)
{
    m_error.clear();
    if (!m_stderrFile.isOpen() && !m_stderrFile.open()) {
        m_error = QStringLiteral("cannot create a file for the server's stderr: ") + m_stderrFile.errorString();
        return false;
    }
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardErrorFile(m_stderrFile.fileName(), QIODevice::Append);
    m_process.start(executable(), QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                              QStringLiteral("--data"), dataDir} +
                                      extraArguments);
    if (!m_process.waitForStarted(10'000)) {
        m_error = QStringLiteral("cannot start ") + executable() + QStringLiteral(": ") + m_process.errorString();
        return false;
    }
    // The server prints its URL once it listens; port 0 means the kernel chose a free port for us.
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 45'000 && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(200);
        output += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            break;
        }
    }
    if (m_port == 0) {
        m_error = QStringLiteral("server did not start listening; stderr: ") + QString::fromUtf8(takeStandardError());
        stop();
        return false;
    }
    // Counted from the listening line: a server seeding the demo tenant (PostgreSQL, a sanitizer build, a loaded
    // machine) may take most of the 45 s above to get there.
    timer.restart();
    while (timer.elapsed() < 20'000) {
        if (get(QStringLiteral("/healthz")).status == 200)
            return true;
        QThread::msleep(50);
    }
    m_error = QStringLiteral("/healthz never answered 200");
    stop();
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM to this child's PID only
    if (!m_process.waitForFinished(5'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
    m_port = 0;
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5'000);
    m_port = 0;
}

QByteArray ServerProcess::takeStandardError()
{
    QFile file(m_stderrFile.fileName());
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_stderrTaken))
        return {};
    const QByteArray taken = file.readAll();
    m_stderrTaken += taken.size();
    return taken;
}

HttpReply ServerProcess::get(const QString &path, const QByteArray &bearer, const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!bearer.isNull())
        headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + bearer});
    return send(QByteArrayLiteral("GET"), path, body, headers);
}

HttpReply ServerProcess::post(const QString &path, const QByteArray &body, const QByteArray &contentType)
{
    return send(QByteArrayLiteral("POST"), path, body, {{QByteArrayLiteral("Content-Type"), contentType}});
}

HttpReply ServerProcess::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    for (const auto &pair : headers)
        request.setRawHeader(pair.first, pair.second);
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body.isEmpty() ? nullptr : &buffer);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(45'000); // generous: ASan builds share the cores with other work
    loop.exec();
    HttpReply result;
    result.elapsedMs = timer.elapsed();
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

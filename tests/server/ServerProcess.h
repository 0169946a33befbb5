#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>

/** One HTTP answer, read synchronously. */
struct HttpReply
{
    int status = 0; ///< 0 when no answer came
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
};

/**
 * The real fieldline-server as a child process on 127.0.0.1 with a port the kernel picks, plus a blocking
 * HTTP client for it. The process is stopped (by its own PID) when this object goes away.
 */
class ServerProcess
{
public:
    ~ServerProcess();

    /** Starts the server and waits until /healthz answers 200. On failure returns false and fills error(). */
    bool start(const QString &dataDir, const QStringList &extraArguments = {});
    void stop();
    /** SIGKILL to the server's PID, as a crash or an OOM kill would end it: no shutdown, no flush. */
    void kill();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    /** What the server wrote on stderr (its log) since the last call. */
    QByteArray takeStandardError();

    HttpReply get(const QString &path, const QByteArray &bearer = {}, const QByteArray &body = {});
    HttpReply post(const QString &path, const QByteArray &body, const QByteArray &contentType = "application/json");

    /** Any verb, any headers. */
    HttpReply send(const QByteArray &verb, const QString &path, const QByteArray &body,
                   const QList<QPair<QByteArray, QByteArray>> &headers);

    static QString executable();

private:
    QProcess m_process;
    // The server's stderr goes to a file, not a pipe: a pipe that nobody reads while the test waits for something
    // else (another process, a timer) fills up after 64 KiB of log lines and then blocks the server.
    QTemporaryFile m_stderrFile;
    qint64 m_stderrTaken = 0;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    QString m_error;
};

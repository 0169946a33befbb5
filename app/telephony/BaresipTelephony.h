#pragma once

#include "app/telephony/BaresipConfig.h"
#include "app/telephony/Netstring.h"
#include "app/telephony/Telephony.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTcpSocket>
#include <QTimer>

namespace fieldline::telephony {

/**
 * Calls through the client's own baresip (DESIGN.md section 5): it writes a private configuration, starts
 * baresip, waits for "baresip is ready.", drives it over ctrl_tcp on loopback (netstring JSON: dial, hangup,
 * hold, resume, sndcode) and turns its events into call states. baresip is supervised: when it dies (or its
 * control socket closes) a call under way ends as failed with a sentence for the agent, and baresip is started
 * again after a pause, at most a few times a minute.
 */
class BaresipTelephony : public Telephony
{
    Q_OBJECT

public:
    explicit BaresipTelephony(BaresipSetup setup, QObject *parent = nullptr);
    ~BaresipTelephony() override;

    /** Starts baresip; readyChanged(true) follows once it answers on its control socket. */
    void start();
    /** Stops baresip (a call under way is hung up first). */
    void stop();
    /** The running setup, with the ports chosen. */
    const BaresipSetup &setup() const { return m_written; }
    qint64 processId() const { return m_process.processId(); }
    int restarts() const { return m_restarts; }
    /** Stops a baresip process: SIGTERM, a second one after a second, then SIGKILL. */
    static void terminate(QProcess &baresip);

    bool dial(const QString &target) override;
    void hangUp() override;
    void setHeld(bool held) override;
    void sendDtmf(const QString &digits) override;

private:
    void readOutput();
    void connectControl();
    void readControl();
    void handle(const QByteArray &message);
    void handleEvent(const QJsonObject &event);
    void send(const QString &command, const QString &params = QString());
    void engineStopped(const QString &why);

    static constexpr int MaxRestartsPerMinute = 5;

    BaresipSetup m_setup;
    BaresipSetup m_written;
    QProcess m_process;
    QTcpSocket m_control;
    NetstringReader m_reader;
    QByteArray m_output;
    QTimer m_connectRetry;
    QTimer m_restart;
    QElapsedTimer m_connecting;
    QElapsedTimer m_restartWindow;
    QString m_callId;
    QString m_pendingHold;
    int m_restarts = 0;
    int m_restartsInWindow = 0;
    int m_token = 0;
    bool m_stopping = false;
};

} // namespace fieldline::telephony

#include "app/telephony/BaresipTelephony.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcBaresip, "fieldline.telephony.baresip", QtInfoMsg)

namespace fieldline::telephony {

namespace {

constexpr int ConnectTimeoutMs = 5000;
constexpr int RestartDelayMs = 1000;
constexpr qsizetype MaxOutputLine = 4096;

/** baresip's reasons in the agent's words; anything else is shown as baresip said it. */
/** The code and the agent's words for baresip's reason a call closed (Telephony::Ending). */
std::pair<QString, QString> plainCause(const QString &param)
{
    if (param == QLatin1String("Connection reset by user"))
        return {QStringLiteral("hung_up_here"), BaresipTelephony::tr("hung up here")};
    if (param == QLatin1String("Connection reset by peer"))
        return {QStringLiteral("hung_up_by_peer"), BaresipTelephony::tr("hung up by the other side")};
    if (param.startsWith(QLatin1String("486")) || param.startsWith(QLatin1String("600")))
        return {QStringLiteral("busy"), BaresipTelephony::tr("busy")};
    if (param.startsWith(QLatin1String("404")))
        return {QStringLiteral("not_found"), BaresipTelephony::tr("the number does not exist")};
    if (param.startsWith(QLatin1String("480")) || param.startsWith(QLatin1String("408")) ||
        param == QLatin1String("Connection timed out"))
        return {QStringLiteral("no_answer"), BaresipTelephony::tr("no answer")};
    if (param == QLatin1String("Connection refused"))
        return {QStringLiteral("unreachable"), BaresipTelephony::tr("nobody answers at that address")};
    return {param.left(200), param.left(200)};
}

} // namespace

BaresipTelephony::BaresipTelephony(BaresipSetup setup, QObject *parent)
    : Telephony(parent)
    , m_setup(std::move(setup))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_connectRetry.setSingleShot(true);
    m_connectRetry.setInterval(20);
    m_restart.setSingleShot(true);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &BaresipTelephony::readOutput);
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        engineStopped(status == QProcess::CrashExit ? tr("The phone engine stopped unexpectedly.")
                                                    : tr("The phone engine exited (code %1).").arg(code));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            engineStopped(tr("The phone engine (baresip) cannot be started; is it installed?"));
    });
    connect(&m_connectRetry, &QTimer::timeout, this, &BaresipTelephony::connectControl);
    connect(&m_control, &QTcpSocket::connected, this, [this] {
        m_control.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        setProblem(QString());
        setReady(true);
    });
    connect(&m_control, &QTcpSocket::errorOccurred, this, [this] {
        if (!isReady() && m_connecting.isValid() && m_connecting.elapsed() < ConnectTimeoutMs)
            m_connectRetry.start();
    });
    connect(&m_control, &QTcpSocket::disconnected, this, [this] {
        if (isReady())
            engineStopped(tr("The phone engine closed its control connection."));
    });
    connect(&m_control, &QTcpSocket::readyRead, this, &BaresipTelephony::readControl);
    connect(&m_restart, &QTimer::timeout, this, &BaresipTelephony::start);
}

BaresipTelephony::~BaresipTelephony()
{
    stop();
}

void BaresipTelephony::start()
{
    if (m_process.state() != QProcess::NotRunning)
        return;
    m_stopping = false;
    QString error;
    std::optional<BaresipSetup> written = BaresipConfig::write(m_setup, &error);
    if (!written) {
        setProblem(tr("The phone engine cannot be set up: %1").arg(error));
        return;
    }
    m_written = *written;
    m_output.clear();
    m_reader = NetstringReader();
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.start(m_setup.program, {QStringLiteral("-f"), m_setup.folder});
}

void BaresipTelephony::stop()
{
    m_stopping = true;
    m_restart.stop();
    m_connectRetry.stop();
    if (state() != State::Idle)
        finish(QStringLiteral("hung_up_here"), tr("hung up here"), false);
    setReady(false);
    m_control.abort();
    terminate(m_process);
    BaresipConfig::forgetAccounts(m_setup.folder);
}

void BaresipTelephony::terminate(QProcess &baresip)
{
    if (baresip.state() == QProcess::NotRunning)
        return;
    // A clean stop can wait 32 s on a BYE to a dead peer; a second SIGTERM makes baresip exit at once.
    baresip.terminate();
    if (baresip.waitForFinished(1000))
        return;
    baresip.terminate();
    if (baresip.waitForFinished(1000))
        return;
    baresip.kill();
    baresip.waitForFinished(1000);
}

void BaresipTelephony::readOutput()
{
    m_output += m_process.readAllStandardOutput();
    for (qsizetype end = m_output.indexOf('\n'); end >= 0; end = m_output.indexOf('\n')) {
        const QByteArray line = m_output.left(end).trimmed();
        m_output.remove(0, end + 1);
        qCDebug(lcBaresip).noquote() << QString::fromUtf8(line);
        if (line.contains("module ctrl_tcp.so:"))
            setProblem(tr("The phone engine's control port is taken."));
        if (line == "baresip is ready." && !isReady()) {
            BaresipConfig::forgetAccounts(m_setup.folder); // read at start; the password need not stay on disk
            m_connecting.start();
            connectControl();
        }
    }
    if (m_output.size() > MaxOutputLine)
        m_output.clear();
}

void BaresipTelephony::connectControl()
{
    if (m_control.state() != QAbstractSocket::UnconnectedState)
        m_control.abort();
    m_control.connectToHost(QHostAddress::LocalHost, m_written.controlPort);
}

void BaresipTelephony::readControl()
{
    m_reader.append(m_control.readAll());
#ifdef Q_OS_LINUX
    // baresip's Nagle meets our delayed ACK and holds events ~40 ms; a quick ACK after each read avoids it.
    const int one = 1;
    ::setsockopt(int(m_control.socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
    while (std::optional<QByteArray> message = m_reader.next())
        handle(*message);
    if (m_reader.failed()) {
        qCWarning(lcBaresip) << "malformed control message; reconnecting";
        m_control.abort();
        engineStopped(tr("The phone engine sent something unreadable."));
    }
}

void BaresipTelephony::handle(const QByteArray &message)
{
    const QJsonObject object = QJsonDocument::fromJson(message).object();
    if (object.value(QStringLiteral("event")).toBool()) {
        handleEvent(object);
        return;
    }
    if (!object.value(QStringLiteral("response")).toBool())
        return;
    const QString token = object.value(QStringLiteral("token")).toString();
    const bool ok = object.value(QStringLiteral("ok")).toBool();
    if (token.startsWith(QLatin1String("dial")) && !ok) {
        const auto [code, cause] = plainCause(object.value(QStringLiteral("data")).toString().trimmed());
        finish(code, cause, true);
    } else if (token == m_pendingHold) {
        m_pendingHold.clear();
        if (ok && state() != State::Idle)
            enter(token.startsWith(QLatin1String("hold")) ? State::Held : State::Established);
    }
}

void BaresipTelephony::handleEvent(const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QString id = event.value(QStringLiteral("id")).toString();
    if (state() == State::Idle)
        return; // only the call this client placed is followed
    if (event.value(QStringLiteral("direction")).toString() == QLatin1String("incoming"))
        return; // someone calling this agent is not the call the agent placed
    if (!m_callId.isEmpty() && !id.isEmpty() && id != m_callId)
        return;
    if (type == QLatin1String("CALL_RINGING") || type == QLatin1String("CALL_PROGRESS")) {
        m_callId = id;
        if (state() == State::Dialing)
            enter(State::Ringing);
    } else if (type == QLatin1String("CALL_ESTABLISHED")) {
        m_callId = id;
        enter(State::Established);
    } else if (type == QLatin1String("CALL_CLOSED")) {
        const bool answered = state() == State::Established || state() == State::Held;
        m_callId.clear();
        const QString param = event.value(QStringLiteral("param")).toString();
        const auto [code, cause] = plainCause(param);
        finish(code, cause, !answered && param != QLatin1String("Connection reset by user"));
    }
}

void BaresipTelephony::send(const QString &command, const QString &params)
{
    QJsonObject object;
    object.insert(QStringLiteral("command"), command);
    const QString token = command + QString::number(++m_token);
    object.insert(QStringLiteral("token"), token);
    if (!params.isEmpty())
        object.insert(QStringLiteral("params"), params);
    if (command == QLatin1String("hold") || command == QLatin1String("resume"))
        m_pendingHold = token;
    m_control.write(netstring(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

bool BaresipTelephony::dial(const QString &target)
{
    if (!canDial()) {
        setProblem(isReady() ? tr("A call is already under way.") : tr("The phone engine is not running."));
        return false;
    }
    const QString address = BaresipConfig::addressFor(target, m_setup.account);
    if (address.contains(u'"') || address.contains(u'\n') || address.size() > 256) {
        setProblem(tr("%1 cannot be dialled.").arg(target));
        return false;
    }
    m_callId.clear();
    begin(target);
    send(QStringLiteral("dial"), address);
    return true;
}

void BaresipTelephony::hangUp()
{
    if (state() != State::Idle && isReady())
        send(QStringLiteral("hangup"));
}

void BaresipTelephony::setHeld(bool held)
{
    if ((state() == State::Established && held) || (state() == State::Held && !held))
        send(held ? QStringLiteral("hold") : QStringLiteral("resume"));
}

void BaresipTelephony::sendDtmf(const QString &digits)
{
    static const QString allowed = QStringLiteral("0123456789*#ABCD");
    if (state() != State::Established || digits.isEmpty() || digits.size() > 32)
        return;
    for (QChar c : digits) {
        if (!allowed.contains(c))
            return;
    }
    send(QStringLiteral("sndcode"), digits);
}

void BaresipTelephony::engineStopped(const QString &why)
{
    const bool wasReady = isReady();
    setReady(false);
    m_control.abort();
    // Not ready means the accounts file may still hold the SIP password: it goes now, and is written again for
    // the next start.
    BaresipConfig::forgetAccounts(m_written.folder);
    if (state() != State::Idle)
        finish(QStringLiteral("engine_failed"), tr("failed: %1").arg(why), true);
    if (m_stopping)
        return;
    setProblem(why);
    qCWarning(lcBaresip).noquote() << why << (wasReady ? "(it was running)" : "");
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill(); // its control socket is gone: a fresh start is the way back
        return;           // finished() comes next and schedules the restart
    }
    if (!m_restartWindow.isValid() || m_restartWindow.elapsed() > 60'000) {
        m_restartWindow.start();
        m_restartsInWindow = 0;
    }
    if (m_restartsInWindow >= MaxRestartsPerMinute) {
        setProblem(tr("The phone engine keeps stopping; calls are off until it is started again."));
        return;
    }
    ++m_restartsInWindow;
    ++m_restarts;
    m_restart.start(RestartDelayMs);
}

} // namespace fieldline::telephony

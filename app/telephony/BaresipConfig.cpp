#include "app/telephony/BaresipConfig.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUdpSocket>

namespace fieldline::telephony {

namespace {

bool portIsFree(const QHostAddress &address, quint16 port)
{
    QTcpServer tcp;
    QUdpSocket udp;
    return tcp.listen(address, port) && udp.bind(address, port);
}

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(content) != content.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

quint16 BaresipConfig::freePort(const QString &address, bool withNext)
{
    const QHostAddress host(address.isEmpty() ? QStringLiteral("127.0.0.1") : address);
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(host, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        if (port < 65535 && portIsFree(host, port) && (!withNext || portIsFree(host, quint16(port + 1))))
            return port;
    }
    return 0;
}

QString BaresipConfig::accountLine(const SipAccount &account)
{
    QString line;
    if (!account.displayName.isEmpty())
        line += u'"' + QString(account.displayName).remove(u'"') + QStringLiteral("\" ");
    line += QStringLiteral("<sip:%1@%2>").arg(account.user, account.domain);
    line += account.registers ? QStringLiteral(";regint=3600") : QStringLiteral(";regint=0");
    if (!account.password.isEmpty())
        line += QStringLiteral(";auth_pass=") + account.password;
    if (account.autoAnswer)
        line += QStringLiteral(";answermode=auto");
    return line;
}

QString BaresipConfig::addressFor(const QString &target, const SipAccount &account)
{
    if (target.startsWith(QLatin1String("sip:")))
        return target;
    return QStringLiteral("sip:%1@%2").arg(target, account.domain);
}

BaresipConfig::AccountProblem BaresipConfig::check(const SipAccount &account)
{
    // baresip reads an account line as ;-separated parameters up to whitespace, and the config line by line: a
    // ';', a space or a line break in a field would cut the password short or add parameters of its own choosing
    // (answermode=auto, an outbound proxy). Only characters with no meaning there are accepted.
    static const QRegularExpression user(QStringLiteral("^[A-Za-z0-9._~+\\-]{1,64}$"));
    static const QRegularExpression domain(QStringLiteral("^[A-Za-z0-9.\\-]{1,200}(:[0-9]{1,5})?$"));
    static const QRegularExpression secret(QStringLiteral("^[\\x21\\x23-\\x3a\\x3c-\\x7e]{0,128}$"));
    if (!user.match(account.user).hasMatch() || !domain.match(account.domain).hasMatch())
        return AccountProblem::Address;
    if (!secret.match(account.password).hasMatch())
        return AccountProblem::Password;
    const QString &name = account.displayName;
    if (name.contains(u'"') || name.contains(u'<') || name.contains(u'>') || name.contains(u'\n') ||
        name.contains(u'\r') || name.size() > 100)
        return AccountProblem::DisplayName;
    return AccountProblem::None;
}

std::optional<BaresipSetup> BaresipConfig::write(BaresipSetup setup, QString *error)
{
    static const QRegularExpression audio(QStringLiteral("^[A-Za-z0-9_,.:\\-]{1,100}$"));
    static const QRegularExpression address(QStringLiteral("^[0-9.:]{0,64}$"));
    switch (check(setup.account)) {
    case AccountProblem::None:
        break;
    case AccountProblem::Address:
        *error = QStringLiteral("the SIP user or domain has characters a SIP address cannot carry");
        return std::nullopt;
    case AccountProblem::Password:
        *error = QStringLiteral("the SIP password may not contain spaces, quotes or ';'");
        return std::nullopt;
    case AccountProblem::DisplayName:
        *error = QStringLiteral("the display name contains characters that cannot be used");
        return std::nullopt;
    }
    if (!audio.match(setup.audioPlayer).hasMatch() || !audio.match(setup.audioSource).hasMatch() ||
        !address.match(setup.listenAddress).hasMatch()) {
        *error = QStringLiteral("the audio settings or the listening address contain characters that cannot be used");
        return std::nullopt;
    }
    if (!QDir().mkpath(setup.folder) ||
        !QFile::setPermissions(setup.folder,
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        *error = QStringLiteral("cannot create %1").arg(setup.folder);
        return std::nullopt;
    }
    if (setup.sipPort == 0)
        setup.sipPort = freePort(setup.listenAddress, true);
    if (setup.controlPort == 0)
        setup.controlPort = freePort(QStringLiteral("127.0.0.1"), false);
    if (setup.sipPort == 0 || setup.controlPort == 0) {
        *error = QStringLiteral("no free port for the phone engine");
        return std::nullopt;
    }
    const QString listen = setup.listenAddress.isEmpty() ? QStringLiteral("0.0.0.0") : setup.listenAddress;
    QStringList config{
        QStringLiteral("poll_method epoll"),
        QStringLiteral("sip_listen %1:%2").arg(listen).arg(setup.sipPort),
        QStringLiteral("call_local_timeout 120"),
        QStringLiteral("call_max_calls 4"),
        QStringLiteral("audio_player %1").arg(setup.audioPlayer),
        QStringLiteral("audio_alert %1").arg(setup.audioPlayer),
        QStringLiteral("audio_source %1").arg(setup.audioSource),
        QStringLiteral("ausrc_srate 48000"),
        QStringLiteral("ausrc_channels 2"),
        QStringLiteral("module_path /usr/lib/baresip/modules"),
        QStringLiteral("module g711.so"),
        QStringLiteral("module alsa.so"),
        QStringLiteral("module_tmp account.so"),
        QStringLiteral("module_app menu.so"),
        QStringLiteral("module_app ctrl_tcp.so"),
        QStringLiteral("ctrl_tcp_listen 127.0.0.1:%1").arg(setup.controlPort),
        QStringLiteral("ringback_disabled yes"),
        QStringLiteral("menu_bell no"),
        QStringLiteral("statmode_default off"),
    };
    if (!setup.listenAddress.isEmpty())
        config.append(QStringLiteral("net_interface %1").arg(setup.listenAddress));
    if (setup.audioSource.startsWith(QLatin1String("ausine")))
        config.append(QStringLiteral("module ausine.so"));
    const QDir folder(setup.folder);
    if (!writeFile(folder.filePath(QStringLiteral("config")), config.join(u'\n').toUtf8() + '\n', error) ||
        !writeFile(folder.filePath(QStringLiteral("accounts")), accountLine(setup.account).toUtf8() + '\n', error))
        return std::nullopt;
    return setup;
}

void BaresipConfig::forgetAccounts(const QString &folder)
{
    QFile::remove(QDir(folder).filePath(QStringLiteral("accounts")));
}

} // namespace fieldline::telephony

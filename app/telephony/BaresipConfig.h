#pragma once

#include <QString>

#include <optional>

namespace fieldline::telephony {

/** The agent's SIP account, as kept in the encrypted profile. */
struct SipAccount
{
    QString user;     ///< "agent7"
    QString domain;   ///< "pbx.example.com" (host[:port]); numbers are dialled as sip:<number>@<domain>
    QString password; ///< empty: no authentication
    QString displayName;
    bool registers = false;  ///< register with the domain (a PBX), or place calls directly
    bool autoAnswer = false; ///< answer incoming calls at once (a test peer)

    bool operator==(const SipAccount &) const = default;
};

/** How the client runs its private baresip. */
struct BaresipSetup
{
    QString program = QStringLiteral("baresip");
    QString folder; ///< the private configuration folder, inside the profile's data folder
    SipAccount account;
    QString listenAddress; ///< empty: every interface; tests use 127.0.0.1
    QString audioPlayer = QStringLiteral("alsa,default");
    QString audioSource = QStringLiteral("alsa,default");
    quint16 sipPort = 0;     ///< 0: a free one is chosen
    quint16 controlPort = 0; ///< 0: a free one on 127.0.0.1 is chosen
};

/**
 * Writes baresip's `config` and `accounts` into the private folder (owner-only permissions). baresip 1.0.0 cannot
 * listen on port 0 and report the port (docs/telephony.md), so free ports are chosen here: the SIP port and the
 * one after it (baresip opens TLS there) and the control port, all checked on TCP and UDP.
 */
class BaresipConfig
{
public:
    /** What makes an account unusable; baresip would misread these characters (see write()). */
    enum class AccountProblem { None, Address, Password, DisplayName };
    static AccountProblem check(const SipAccount &account);

    /** Writes the files for @p setup; the setup with its ports filled in, or nullopt with @p error set. */
    static std::optional<BaresipSetup> write(BaresipSetup setup, QString *error);
    /** Removes the accounts file (it holds the SIP password) once baresip has read it. */
    static void forgetAccounts(const QString &folder);
    /** The SIP address dialled for @p target: a sip: address as given, a number at the account's domain. */
    static QString addressFor(const QString &target, const SipAccount &account);
    static QString accountLine(const SipAccount &account);

private:
    static quint16 freePort(const QString &address, bool withNext);
};

} // namespace fieldline::telephony

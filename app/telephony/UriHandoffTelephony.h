#pragma once

#include "app/telephony/Telephony.h"

#include <QUrl>

#include <functional>

namespace fieldline::telephony {

/**
 * Calls handed to whatever softphone the desktop has, as a tel:, sip: or callto: link. The call happens outside
 * Fieldline, so nothing is known about it: dial() opens the link and the call ends at once with the cause
 * "handed off", and the agent records how it went in the wrap-up. The link is opened through a function the
 * UI provides (QDesktopServices), so this class needs no GUI.
 */
class UriHandoffTelephony : public Telephony
{
    Q_OBJECT

public:
    enum class Scheme { Tel, Sip, Callto };

    UriHandoffTelephony(Scheme scheme, std::function<bool(const QUrl &)> open, QObject *parent = nullptr);

    static QUrl linkFor(const QString &target, Scheme scheme);

    bool dial(const QString &target) override;
    void hangUp() override {}
    void setHeld(bool) override {}
    void sendDtmf(const QString &) override {}
    bool tracksCalls() const override { return false; }

private:
    Scheme m_scheme;
    std::function<bool(const QUrl &)> m_open;
};

} // namespace fieldline::telephony

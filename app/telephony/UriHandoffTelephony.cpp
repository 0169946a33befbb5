#include "app/telephony/UriHandoffTelephony.h"

namespace fieldline::telephony {

UriHandoffTelephony::UriHandoffTelephony(Scheme scheme, std::function<bool(const QUrl &)> open, QObject *parent)
    : Telephony(parent)
    , m_scheme(scheme)
    , m_open(std::move(open))
{
    setReady(true);
}

QUrl UriHandoffTelephony::linkFor(const QString &target, Scheme scheme)
{
    if (target.startsWith(QLatin1String("sip:")))
        return QUrl(target, QUrl::StrictMode);
    switch (scheme) {
    case Scheme::Tel:
        return QUrl(QStringLiteral("tel:") + target, QUrl::StrictMode);
    case Scheme::Sip:
        return QUrl(QStringLiteral("sip:") + target, QUrl::StrictMode);
    case Scheme::Callto:
        return QUrl(QStringLiteral("callto:") + target, QUrl::StrictMode);
    }
    return {};
}

bool UriHandoffTelephony::dial(const QString &target)
{
    const QUrl link = linkFor(target, m_scheme);
    if (!link.isValid() || !m_open) {
        setProblem(tr("%1 cannot be handed to a softphone.").arg(target));
        return false;
    }
    begin(target);
    if (!m_open(link)) {
        finish(QStringLiteral("no_softphone"), tr("no softphone took the call"), true);
        setProblem(tr("No softphone on this computer opens %1 links.").arg(link.scheme()));
        return false;
    }
    setProblem(QString());
    finish(QStringLiteral("handed_off"), tr("handed off"), false);
    return true;
}

} // namespace fieldline::telephony

#include "app/telephony/PhoneFactory.h"

#include "app/telephony/BaresipTelephony.h"

namespace fieldline::telephony {

std::unique_ptr<Telephony> makeTelephony(const CallSettings &settings, const PhoneEnvironment &environment)
{
    // A password file left by a crash of the client (or of baresip before it was ready) does not outlive it.
    BaresipConfig::forgetAccounts(environment.engineFolder);
    if (settings.backend == CallSettings::Backend::Softphone)
        return std::make_unique<UriHandoffTelephony>(settings.scheme, environment.openLink);
    BaresipSetup setup;
    setup.program = environment.program;
    setup.folder = environment.engineFolder;
    setup.account = settings.account;
    setup.listenAddress = environment.listenAddress;
    setup.audioPlayer = environment.audioPlayer;
    setup.audioSource = environment.audioSource;
    auto phone = std::make_unique<BaresipTelephony>(setup);
    phone->start();
    return phone;
}

} // namespace fieldline::telephony

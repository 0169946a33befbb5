#include "app/telemarketing/PhoneNumbers.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <memory>
#include <set>
#include <string>

namespace fieldline::telemarketing {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

const PhoneNumberUtil &phoneUtil()
{
    // libphonenumber is a process-wide singleton; its default logger writes parse failures to stdout, which is
    // the server's start-up channel, so it is silenced once here.
    static PhoneNumberUtil *util = [] {
        PhoneNumberUtil *instance = PhoneNumberUtil::GetInstance();
        instance->SetLogger(new i18n::phonenumbers::NullLogger());
        return instance;
    }();
    return *util;
}

} // namespace

std::optional<QString> PhoneNumbers::toE164(const QString &text, const QString &defaultRegion, QString *extension)
{
    if (extension)
        extension->clear();
    // libphonenumber accepts up to 250 characters; a longer cell is no number anyway.
    if (text.trimmed().isEmpty() || text.size() > 64)
        return std::nullopt;
    const PhoneNumberUtil &util = phoneUtil();
    PhoneNumber number;
    const std::string region = defaultRegion.isEmpty() ? std::string("ZZ") : defaultRegion.toStdString();
    if (util.Parse(text.toStdString(), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    if (!util.IsValidNumber(number))
        return std::nullopt;
    if (extension && number.has_extension())
        *extension = QString::fromStdString(number.extension());
    std::string formatted;
    util.Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

bool PhoneNumbers::isKnownRegion(const QString &region)
{
    std::set<std::string> regions;
    phoneUtil().GetSupportedRegions(&regions);
    return regions.count(region.toStdString()) > 0;
}

QString PhoneNumbers::regionOf(const QString &e164)
{
    if (!e164.startsWith(u'+') || e164.size() > 16)
        return {};
    const PhoneNumberUtil &util = phoneUtil();
    PhoneNumber number;
    if (util.Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
        !util.IsValidNumber(number))
        return {};
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    return region == "ZZ" || region == "001" ? QString() : QString::fromStdString(region);
}

QString PhoneNumbers::formatAsTyped(const QString &typed, const QString &region)
{
    const std::unique_ptr<i18n::phonenumbers::AsYouTypeFormatter> formatter(
        phoneUtil().GetAsYouTypeFormatter(region.isEmpty() ? std::string("ZZ") : region.toStdString()));
    std::string result;
    bool first = true;
    for (QChar c : typed.left(40)) {
        if (c.isDigit() || (c == u'+' && first))
            formatter->InputDigit(i18n::phonenumbers::char32(c.unicode()), &result);
        first = first && c.isSpace();
    }
    return QString::fromStdString(result);
}

} // namespace fieldline::telemarketing

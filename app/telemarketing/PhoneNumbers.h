#pragma once

#include <QString>

#include <optional>

namespace fieldline::telemarketing {

/**
 * Phone numbers as the product stores them: E.164 ("+12125550100"), checked against libphonenumber's numbering
 * plans, so a number the dialer could never reach is refused at the door rather than on the agent's screen.
 */
class PhoneNumbers
{
public:
    /**
     * The E.164 form of @p text, or nullopt when it is not a valid number. A number without a country code
     * ("(212) 555-0100") is read in @p defaultRegion (ISO 3166 code such as "US"); with none it is refused.
     * E.164 has no extension: one written after the number ("ext. 12", "x12", "#12") is not part of the result, and
     * goes to @p extension when given (else cleared), so an import can refuse a number it would shorten.
     */
    static std::optional<QString> toE164(const QString &text, const QString &defaultRegion = QString(),
                                         QString *extension = nullptr);

    /** True when libphonenumber knows @p region (ISO 3166 alpha-2, upper case). */
    static bool isKnownRegion(const QString &region);

    /**
     * The region (ISO 3166 alpha-2) an E.164 number belongs to, as its numbering plan says ("+12125550100" is
     * "US", "+8613800138000" is "CN"); empty for a number that is not valid or belongs to no single region.
     */
    static QString regionOf(const QString &e164);

    /**
     * @p typed as the agent types it, formatted the way the number's plan writes it ("+1 212-555-0" for
     * "+12125550", "(212) 555-0100" in "US"); characters other than digits and a leading + are dropped.
     */
    static QString formatAsTyped(const QString &typed, const QString &region);
};

} // namespace fieldline::telemarketing

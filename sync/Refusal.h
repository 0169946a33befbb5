#pragma once

#include <QCoreApplication>
#include <QString>

namespace fieldline::sync {

/**
 * Why the server refused a pushed change, as a kind and its one variable part, so a device words it in its user's
 * language (docs/protocol.md, `push-response`). The server sends words() too, in English (it loads no translation),
 * for logs and for builds that do not know the kind.
 */
struct Refusal
{
    Q_DECLARE_TR_FUNCTIONS(Refusal)

public:
    enum class Kind {
        Other,          ///< not one of these (a malformed change, a newer server's reason): only the server's words
        ClockAhead,     ///< arg: how far ahead, in ms
        NotOwnWrite,    ///< a device pushed a change another device made
        OutOfScope,     ///< the stored row is neither the user's nor in their territories
        ValueTooLarge,  ///< arg: the limit in KiB
        TooManyColumns, ///< arg: the limit
        RowTooLarge,    ///< arg: the limit in MiB
        RecordGone,     ///< cells of a row the server no longer has
        LayoutsByForms, ///< form layouts are published through the forms API, not pushed
        CatalogByManagers,
        CampaignsByManagers,
        MembersByManagers,
        DoNotCallByManagers, ///< taking a number off the do-not-call list
        OptOutByManagers,    ///< clearing a contact's opt-out
        ClaimHeld,           ///< arg: the user whose claim stands
    };

    Kind kind = Kind::Other;
    QString arg;

    /** In the language of the translation installed (none on the server: English); empty for Other. */
    QString words() const;
};

} // namespace fieldline::sync

#pragma once

#include "app/PassphraseStrength.h"
#include "ui/TrText.h"

#include <QCoreApplication>

namespace fieldline::ui {

/**
 * The rules for choosing a new passphrase (first run and passphrase change): strong enough, typed twice
 * the same, and a hint saying what is missing. Shared so both screens judge alike.
 */
struct NewPassphraseCheck
{
    Q_DECLARE_TR_FUNCTIONS(NewPassphraseCheck)

public:
    app::PassphraseStrength strength;
    bool matches = false;
    bool acceptable = false; ///< strong enough and repeated identically
    bool problem = false;    ///< the hint points at something to fix (not just the next step)
    TrText hint;

    static NewPassphraseCheck evaluate(const QString &passphrase, const QString &repeated);
};

} // namespace fieldline::ui

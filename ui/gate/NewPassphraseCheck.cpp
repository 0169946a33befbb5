#include "ui/gate/NewPassphraseCheck.h"

namespace fieldline::ui {

NewPassphraseCheck NewPassphraseCheck::evaluate(const QString &passphrase, const QString &repeated)
{
    NewPassphraseCheck check;
    check.strength = app::PassphraseStrength::estimate(passphrase, {QStringLiteral("fieldline")});
    check.matches = passphrase == repeated;

    if (passphrase.isEmpty()) {
        check.hint = [] { return tr("Choose a passphrase of four or more words that do not belong together."); };
    } else if (!check.strength.isAcceptable()) {
        check.problem = true;
        check.hint = [] {
            return tr("This passphrase is too easy to guess. Add more words, or words that do not belong together.");
        };
    } else if (repeated.isEmpty()) {
        check.hint = [] { return tr("Type the passphrase again to confirm it."); };
    } else if (!check.matches) {
        check.problem = true;
        check.hint = [] { return tr("The two passphrases are different."); };
    } else {
        check.acceptable = true;
        check.hint = [] {
            return tr("Keep this passphrase safe. Without it nobody can open the profile, not even support.");
        };
    }
    return check;
}

} // namespace fieldline::ui

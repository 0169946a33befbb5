#pragma once

#include "app/forms/LocalText.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace fieldline::telemarketing {

/** The longest wait before a retry a campaign or a disposition may ask for: 100 days, in minutes. */
constexpr int MaxRetryMinutes = 100 * 24 * 60;

/** What an agent records about a call, and what it does to the contact's place in the campaign. */
struct Disposition
{
    enum class Effect {
        Final,    ///< the member is done
        Retry,    ///< the member is called again after the campaign's retry delay (or this one's)
        Callback, ///< a callback is required: the agent picks when
    };

    QString code;
    forms::LocalText label;
    QChar key; ///< one-key hotkey in the disposition bar: 0-9
    Effect effect = Effect::Final;
    std::optional<int> retryMinutes; ///< overrides the campaign's delay for Retry
    bool conversion = false;         ///< counts as a conversion in the stats
    bool doNotCall = false;          ///< the number goes on the tenant's do-not-call list
    QString form;                    ///< an outcome form (a published layout) that must be filled, when set
};

/**
 * A campaign's dispositions, from its `dispositions` JSON:
 * `[{"code": "sale", "label": {"en": "Sale", "zh_CN": "成交"}, "key": "1", "effect": "final", "conversion": true},
 *   {"code": "no_answer", "label": {"en": "No answer"}, "key": "2", "effect": "retry", "retryMinutes": 30}, ...]`.
 * Checked strictly, with the reason when something is wrong: at most 20, codes and keys unique.
 */
class Dispositions
{
    Q_DECLARE_TR_FUNCTIONS(Dispositions)

public:
    static constexpr qsizetype MaxJsonBytes = 64 * 1024;
    static constexpr size_t MaxCount = 20;

    /** The set, or the problem in a sentence. */
    static std::optional<Dispositions> parse(const QString &json, QString *problem);

    const std::vector<Disposition> &all() const { return m_all; }
    const Disposition *find(const QString &code) const;
    const Disposition *forKey(QChar key) const;

private:
    std::vector<Disposition> m_all;
};

} // namespace fieldline::telemarketing

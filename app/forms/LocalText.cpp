#include "LocalText.h"

#include <algorithm>

namespace fieldline::forms {

QString LocalText::text(const QString &language) const
{
    if (m_texts.isEmpty())
        return {};
    if (const auto it = m_texts.constFind(language); it != m_texts.cend())
        return *it;
    const QString base = language.section(QLatin1Char('_'), 0, 0);
    if (const auto it = m_texts.constFind(base); it != m_texts.cend())
        return *it;
    if (const auto it = m_texts.constFind(QStringLiteral("en")); it != m_texts.cend())
        return *it;
    const QList<QString> languages = m_texts.keys();
    return m_texts.value(*std::min_element(languages.cbegin(), languages.cend()));
}

} // namespace fieldline::forms

#pragma once

#include <QHash>
#include <QString>

namespace fieldline::forms {

/**
 * A text of a layout in several languages ("en", "zh_CN"). Shown as plain text only: no markup in a label or a
 * hint is ever interpreted.
 */
class LocalText
{
public:
    void set(const QString &language, const QString &text) { m_texts.insert(language, text); }
    bool isEmpty() const { return m_texts.isEmpty(); }
    const QHash<QString, QString> &texts() const { return m_texts; }

    /**
     * The text in @p language ("zh_CN"), else in its base language ("zh"), else in English, else in the first
     * language by name; empty when there is none.
     */
    QString text(const QString &language) const;
    bool operator==(const LocalText &other) const = default;

private:
    QHash<QString, QString> m_texts;
};

} // namespace fieldline::forms

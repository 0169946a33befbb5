#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTranslator>

#include <memory>

namespace fieldline::ui {

/** A language the interface is translated into, named in that language ("简体中文", not "Chinese"). */
struct Language
{
    QString code;
    QString nativeName;
};

/**
 * Installs Fieldline's and Qt's translators for one language at a time. Qt then sends every widget a
 * LanguageChange event, and each view retranslates itself, so a switch applies live without a restart.
 */
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    static QList<Language> availableLanguages();
    /** The best available language for the system locale; English when none matches. */
    static QString systemLanguage();
    /** The code if it is available, otherwise systemLanguage(). */
    static QString resolve(const QString &code);

    QString language() const { return m_language; }
    /** Returns false (and keeps the current language) if code is not available or its translation is missing. */
    bool setLanguage(const QString &code);

signals:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_language;
    std::unique_ptr<QTranslator> m_fieldline;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace fieldline::ui

#include "ui/LanguageManager.h"

#include "ui/UiLog.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace fieldline::ui {

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QList<Language> LanguageManager::availableLanguages()
{
    return {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
}

QString LanguageManager::systemLanguage()
{
    const QLocale locale = QLocale::system();
    // Simplified Chinese is written in Mainland China and Singapore; Traditional-script locales read it too,
    // but we only claim the variant we ship.
    if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalChineseScript)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString LanguageManager::resolve(const QString &code)
{
    for (const Language &language : availableLanguages()) {
        if (language.code == code)
            return code;
    }
    return systemLanguage();
}

bool LanguageManager::setLanguage(const QString &code)
{
    bool known = false;
    for (const Language &language : availableLanguages())
        known = known || language.code == code;
    if (!known)
        return false;
    if (code == m_language)
        return true;

    auto fieldline = std::make_unique<QTranslator>();
    if (!fieldline->load(QStringLiteral(":/i18n/fieldline_") + code)) {
        qCWarning(lcUi) << "no translation for language" << code;
        return false;
    }
    // Qt's own strings (standard buttons, context menus); optional, because distributions split them out.
    auto qt = std::make_unique<QTranslator>();
    if (!qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qt.reset();

    removeTranslators();
    m_fieldline = std::move(fieldline);
    m_qt = std::move(qt);
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    QCoreApplication::installTranslator(m_fieldline.get());
    m_language = code;
    // Dates and numbers follow the interface language; the system's own locale is kept when it speaks it,
    // so an English interface in the UK still shows UK dates.
    const QLocale wanted(code);
    QLocale::setDefault(QLocale::system().language() == wanted.language() ? QLocale::system() : wanted);
    emit languageChanged(code);
    return true;
}

void LanguageManager::removeTranslators()
{
    if (m_fieldline)
        QCoreApplication::removeTranslator(m_fieldline.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_fieldline.reset();
    m_qt.reset();
}

} // namespace fieldline::ui

#pragma once

#include "Layout.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <initializer_list>
#include <vector>

namespace fieldline::forms {

/** What is wrong in a layout or a submission, and where: "sections[0].fields[2].visibleIf". */
struct LayoutProblem
{
    QString path;
    QString message;
};

/**
 * The reading state LayoutReader and FieldSpecReader share: the mode, the problems found so far (at most
 * MaxProblems), and typed getters that report a wrong property at its path instead of guessing.
 */
class LayoutJson
{
    Q_DECLARE_TR_FUNCTIONS(LayoutJson)

public:
    /**
     * Publish refuses what this build does not know (a property name with a typo must not pass silently);
     * Render, for a layout that was accepted by a newer server, ignores unknown properties and shows unknown
     * field types as unsupported.
     */
    enum class Mode { Publish, Render };
    static constexpr int MaxProblems = 100;

    explicit LayoutJson(Mode mode)
        : m_mode(mode)
    {}
    Mode mode() const { return m_mode; }
    void problem(const QString &path, const QString &message);
    const std::vector<LayoutProblem> &problems() const { return m_problems; }

    /** In Publish mode, reports every property of @p object that is not in @p known. */
    void checkKeys(const QJsonObject &object, const QString &path, std::initializer_list<const char *> known);
    /** A required field name usable in expressions: a letter or '_', then letters, digits or '_' (64 at most). */
    QString fieldName(const QJsonObject &object, const QString &path);
    /** A required id of a layout or a section: letters, digits, '-' and '_' (64 at most). */
    QString plainId(const QJsonObject &object, const QString &path);
    bool flag(const QJsonObject &object, const char *key, const QString &path);
    /** An optional whole number in [min, max]; @p fallback when absent. */
    int integer(const QJsonObject &object, const char *key, const QString &path, int min, int max, int fallback);
    /** A text per language ({"en": ..., "zh_CN": ...}; a plain string counts as English). */
    LocalText localText(const QJsonObject &object, const char *key, const QString &path, bool required);
    LayoutExpression expression(const QJsonObject &object, const char *key, const QString &path);

    /** One line per problem, "path: message", for logs, the command line and test failures. */
    static QString describe(const std::vector<LayoutProblem> &problems);
    static QString member(const QString &path, const char *key);
    static QString item(const QString &path, const char *key, qsizetype index);

private:
    Mode m_mode;
    std::vector<LayoutProblem> m_problems;
};

} // namespace fieldline::forms

#include "LayoutJson.h"

#include <QRegularExpression>

#include <algorithm>

namespace fieldline::forms {

namespace {

constexpr int MaxLocalTextLength = 1000;

QString requiredString(LayoutJson &json, const QJsonObject &object, const QString &path)
{
    const QJsonValue value = object.value(QLatin1StringView("id"));
    if (!value.isString())
        json.problem(LayoutJson::member(path, "id"), LayoutJson::tr("An id is required, written as text."));
    return value.toString();
}

} // namespace

void LayoutJson::problem(const QString &path, const QString &message)
{
    if (int(m_problems.size()) < MaxProblems)
        m_problems.push_back(LayoutProblem{path, message});
}

void LayoutJson::checkKeys(const QJsonObject &object, const QString &path, std::initializer_list<const char *> known)
{
    if (m_mode != Mode::Publish)
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool isKnown = std::any_of(known.begin(), known.end(),
                                         [&](const char *key) { return it.key() == QLatin1StringView(key); });
        if (!isKnown)
            problem(path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(),
                    tr("Unknown property '%1'.").arg(it.key().left(64)));
    }
}

QString LayoutJson::fieldName(const QJsonObject &object, const QString &path)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    static const QStringList reserved{QStringLiteral("and"),  QStringLiteral("or"),    QStringLiteral("not"),
                                      QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null")};
    const QString id = requiredString(*this, object, path);
    if (!object.value(QLatin1StringView("id")).isString())
        return id;
    if (!shape.match(id).hasMatch())
        problem(member(path, "id"), tr("A field id starts with a letter or '_' and has only letters, digits and '_', "
                                       "64 characters at most."));
    else if (reserved.contains(id))
        problem(member(path, "id"), tr("'%1' is a word of the expression language and cannot name a field.").arg(id));
    return id;
}

QString LayoutJson::plainId(const QJsonObject &object, const QString &path)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"));
    const QString id = requiredString(*this, object, path);
    if (object.value(QLatin1StringView("id")).isString() && !shape.match(id).hasMatch())
        problem(member(path, "id"),
                tr("An id has only letters, digits, '-' and '_', starts with a letter or digit, and has 64 characters "
                   "at most."));
    return id;
}

bool LayoutJson::flag(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue value = object.value(QLatin1StringView(key));
    if (!value.isUndefined() && !value.isBool())
        problem(member(path, key), tr("Expected true or false."));
    return value.toBool();
}

int LayoutJson::integer(const QJsonObject &object, const char *key, const QString &path, int min, int max, int fallback)
{
    const QJsonValue value = object.value(QLatin1StringView(key));
    if (value.isUndefined())
        return fallback;
    const double number = value.toDouble(double(min) - 1);
    if (!value.isDouble() || number != double(int(number)) || number < min || number > max) {
        problem(member(path, key), tr("Expected a whole number from %1 to %2.").arg(min).arg(max));
        return fallback;
    }
    return int(number);
}

LocalText LayoutJson::localText(const QJsonObject &object, const char *key, const QString &path, bool required)
{
    static const QRegularExpression language(QStringLiteral("^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$"));
    const QJsonValue value = object.value(QLatin1StringView(key));
    const QString at = member(path, key);
    LocalText text;
    if (value.isUndefined()) {
        if (required)
            problem(at, tr("A text is required here, in at least one language."));
        return text;
    }
    if (value.isString()) {
        text.set(QStringLiteral("en"), value.toString());
    } else if (value.isObject()) {
        const QJsonObject texts = value.toObject();
        for (auto it = texts.begin(); it != texts.end() && text.texts().size() < 64; ++it) {
            if (!language.match(it.key()).hasMatch())
                problem(at, tr("'%1' is not a language code such as en or zh_CN.").arg(it.key().left(16)));
            else if (!it.value().isString())
                problem(at + QLatin1Char('.') + it.key(), tr("Expected text."));
            else
                text.set(it.key(), it.value().toString());
        }
    } else {
        problem(at, tr("Expected a text, or an object of texts by language such as {\"en\": \"Name\"}."));
        return text;
    }
    for (auto it = text.texts().begin(); it != text.texts().end(); ++it) {
        if (it.value().size() > MaxLocalTextLength)
            problem(at, tr("The text is longer than %1 characters.").arg(MaxLocalTextLength));
    }
    if (required && text.isEmpty())
        problem(at, tr("A text is required here, in at least one language."));
    return text;
}

LayoutExpression LayoutJson::expression(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue value = object.value(QLatin1StringView(key));
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        problem(member(path, key), tr("Expected an expression written as text."));
        return {};
    }
    LayoutExpression expression{value.toString(), std::nullopt};
    ExpressionError error;
    expression.parsed = Expression::parse(expression.source, error);
    if (!expression.parsed)
        problem(member(path, key), tr("At character %1: %2").arg(error.position).arg(error.message));
    return expression;
}

QString LayoutJson::describe(const std::vector<LayoutProblem> &problems)
{
    QStringList lines;
    for (const LayoutProblem &problem : problems)
        lines << (problem.path.isEmpty() ? problem.message : problem.path + QStringLiteral(": ") + problem.message);
    return lines.join(QLatin1Char('\n'));
}

QString LayoutJson::member(const QString &path, const char *key)
{
    return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1StringView(key);
}

QString LayoutJson::item(const QString &path, const char *key, qsizetype index)
{
    return member(path, key) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

} // namespace fieldline::forms

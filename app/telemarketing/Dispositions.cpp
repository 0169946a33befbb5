#include "app/telemarketing/Dispositions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace fieldline::telemarketing {

namespace {

std::optional<Disposition::Effect> effectNamed(const QString &name)
{
    if (name == QLatin1String("final"))
        return Disposition::Effect::Final;
    if (name == QLatin1String("retry"))
        return Disposition::Effect::Retry;
    if (name == QLatin1String("callback"))
        return Disposition::Effect::Callback;
    return std::nullopt;
}

} // namespace

std::optional<Dispositions> Dispositions::parse(const QString &json, QString *problem)
{
    const auto fail = [problem](const QString &why) {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (json.size() > MaxJsonBytes)
        return fail(tr("The dispositions are longer than %1 KB.").arg(MaxJsonBytes / 1024));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return fail(tr("The dispositions are not a JSON list."));
    const QJsonArray list = doc.array();
    if (list.isEmpty() || size_t(list.size()) > MaxCount)
        return fail(tr("A campaign has 1 to %1 dispositions.").arg(MaxCount));
    static const QRegularExpression codePattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    Dispositions out;
    for (const QJsonValue &entry : list) {
        const QJsonObject object = entry.toObject();
        Disposition d;
        d.code = object.value(QStringLiteral("code")).toString();
        if (!codePattern.match(d.code).hasMatch())
            return fail(tr("Disposition code '%1' is not a lower-case word.").arg(d.code));
        if (out.find(d.code))
            return fail(tr("Disposition code '%1' is used twice.").arg(d.code));
        const QJsonObject labels = object.value(QStringLiteral("label")).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it)
            d.label.set(it.key(), it.value().toString().left(80));
        if (d.label.text(QStringLiteral("en")).isEmpty())
            return fail(tr("Disposition '%1' has no label.").arg(d.code));
        const QString key = object.value(QStringLiteral("key")).toString();
        if (key.size() != 1 || !key.at(0).isDigit() || key.at(0).unicode() > '9')
            return fail(tr("Disposition '%1' needs a key from 0 to 9.").arg(d.code));
        d.key = key.at(0);
        if (out.forKey(d.key))
            return fail(tr("Key %1 is used by two dispositions.").arg(key));
        const std::optional<Disposition::Effect> effect =
            effectNamed(object.value(QStringLiteral("effect")).toString(QStringLiteral("final")));
        if (!effect)
            return fail(tr("Disposition '%1' has an effect other than final, retry or callback.").arg(d.code));
        d.effect = *effect;
        if (object.contains(QStringLiteral("retryMinutes"))) {
            const int minutes = object.value(QStringLiteral("retryMinutes")).toInt(-1);
            if (minutes < 0 || minutes > MaxRetryMinutes)
                return fail(tr("Disposition '%1' has a retry delay that is not a number of minutes.").arg(d.code));
            d.retryMinutes = minutes;
        }
        d.conversion = object.value(QStringLiteral("conversion")).toBool();
        d.doNotCall = object.value(QStringLiteral("doNotCall")).toBool();
        if (d.doNotCall && d.effect != Disposition::Effect::Final)
            return fail(
                tr("Disposition '%1' puts the number on the do-not-call list, so it must be final.").arg(d.code));
        d.form = object.value(QStringLiteral("form")).toString().left(100);
        out.m_all.push_back(std::move(d));
    }
    return out;
}

const Disposition *Dispositions::find(const QString &code) const
{
    for (const Disposition &d : m_all) {
        if (d.code == code)
            return &d;
    }
    return nullptr;
}

const Disposition *Dispositions::forKey(QChar key) const
{
    for (const Disposition &d : m_all) {
        if (d.key == key)
            return &d;
    }
    return nullptr;
}

} // namespace fieldline::telemarketing

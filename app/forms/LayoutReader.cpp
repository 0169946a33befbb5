#include "LayoutReader.h"

#include "FieldSpecReader.h"
#include "LayoutChecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace fieldline::forms {

LayoutReader::Result LayoutReader::read(const QByteArray &json, LayoutJson::Mode mode)
{
    LayoutReader reader(mode);
    if (json.size() > MaxBytes) {
        reader.m_json.problem(QString(), tr("The layout is larger than %1 MB.").arg(MaxBytes / (1024 * 1024)));
        return Result{std::nullopt, reader.m_json.problems()};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        reader.m_json.problem(
            QString(),
            document.isNull()
                ? tr("The layout is not valid JSON (byte %1: %2).").arg(error.offset + 1).arg(error.errorString())
                : tr("The layout must be a JSON object."));
        return Result{std::nullopt, reader.m_json.problems()};
    }
    Layout layout = reader.readDocument(document.object());
    if (reader.m_json.problems().empty())
        LayoutChecks(reader.m_json, layout).run();
    if (!reader.m_json.problems().empty())
        return Result{std::nullopt, reader.m_json.problems()};
    return Result{std::move(layout), {}};
}

Layout LayoutReader::readDocument(const QJsonObject &document)
{
    Layout layout;
    const QJsonValue format = document.value(QLatin1StringView("format"));
    if (!format.isDouble() || format.toDouble() != Layout::Format) {
        m_json.problem(QStringLiteral("format"),
                       format.isDouble() && format.toDouble() > Layout::Format
                           ? tr("This layout needs a newer Fieldline (layout format %1; this version reads format %2).")
                                 .arg(format.toDouble())
                                 .arg(Layout::Format)
                           : tr("Expected \"format\": %1.").arg(Layout::Format));
        return layout;
    }
    m_json.checkKeys(document, QString(), {"format", "id", "version", "title", "sections"});
    layout.id = m_json.plainId(document, QString());
    layout.version = m_json.integer(document, "version", QString(), 1, 1000000, 0);
    if (layout.version == 0 && !document.contains(QLatin1StringView("version")))
        m_json.problem(QStringLiteral("version"), tr("A version number is required."));
    layout.title = m_json.localText(document, "title", QString(), true);
    const QJsonValue sections = document.value(QLatin1StringView("sections"));
    if (!sections.isArray() || sections.toArray().isEmpty() || sections.toArray().size() > MaxSections) {
        m_json.problem(QStringLiteral("sections"), tr("Expected a list of 1 to %1 sections.").arg(MaxSections));
        return layout;
    }
    const QJsonArray array = sections.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        std::optional<LayoutSection> section = readSection(array.at(i), LayoutJson::item(QString(), "sections", i));
        if (m_fieldsLeft < 0) {
            m_json.problem(QStringLiteral("sections"),
                           tr("The layout has more than %1 fields; split it into several forms.").arg(MaxFields));
            return layout;
        }
        if (section)
            layout.sections.push_back(std::move(*section));
    }
    return layout;
}

std::optional<LayoutSection> LayoutReader::readSection(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.problem(path, tr("Expected a section, written as an object."));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path, {"id", "title", "visibleIf", "fields"});
    LayoutSection section;
    section.id = m_json.plainId(object, path);
    section.title = m_json.localText(object, "title", path, false);
    section.visibleIf = m_json.expression(object, "visibleIf", path);
    if (!FieldSpecReader(m_json, m_fieldsLeft).readList(object, path, false, section.fields))
        return std::nullopt;
    return section;
}

} // namespace fieldline::forms

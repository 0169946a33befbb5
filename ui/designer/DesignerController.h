#pragma once

#include "DesignerWorkspace.h"

#include "app/forms/Layout.h"
#include "app/formsync/LayoutCatalog.h"

#include <map>

#include <QObject>

#include <functional>
#include <memory>

namespace fieldline::ui {

/**
 * Drives the form designer: keeps the layout being designed, applies the workspace's edits to it (LayoutEdit),
 * checks it after every change with the reader the server uses (problems shown at once, Publish only when there is
 * none), renders the preview with the real form widgets and rules, and publishes through @p publish.
 */
class DesignerController : public QObject
{
    Q_OBJECT

public:
    /** Sends the layout's JSON to the server; calls back with whether it was published and what to tell the user. */
    using Publish = std::function<void(const QByteArray &json, std::function<void(bool published, QString message)>)>;

    DesignerController(DesignerWorkspace *view, Publish publish, QObject *parent = nullptr);
    ~DesignerController() override;

    /** Starts from @p layout (a published version: the next version is proposed), or a new form when null. */
    void start(const std::optional<forms::Layout> &layout);
    const forms::Layout &layout() const { return m_layout; }
    /** The JSON Publish would send. */
    QByteArray json() const;
    /** The forms the design can start from: the newest published version of each (LayoutCatalog). */
    void setPublished(const std::vector<formsync::LayoutRecord> &records);

private:
    void add(forms::FieldType type);
    void remove(const forms::FieldAddress &at);
    void move(const forms::FieldAddress &at, int delta);
    void arrange(const std::vector<forms::LayoutEdit::SectionPlacement> &arrangement);
    void select(const std::optional<forms::FieldAddress> &at);
    void editProperties(const DesignerWorkspace::Properties &properties);
    void editHeader(const QString &form, int version, const QString &title);
    void publish();
    void startFrom(int index);
    void addSection(int after);
    void removeSection(int section);
    void renameSection(int section, const QString &title);
    /** Shows the structure and the current field, then rechecks. */
    void changed();
    void recheck();

    DesignerWorkspace *m_view;
    Publish m_publish;
    forms::Layout m_layout;
    std::optional<forms::FieldAddress> m_current;
    std::unique_ptr<forms::Layout> m_previewLayout; ///< the checked copy the preview widgets point into
    bool m_valid = false;
    std::vector<forms::Layout> m_published;
    std::map<sync::RowId, forms::Layout> m_parsed; ///< versions never change: each is read once
};

} // namespace fieldline::ui

#pragma once

#include "ui/main/Workspace.h"

#include <QDateTime>

class QLabel;

namespace fieldline::ui {

/** The first workspace: what profile is open, where it lives, how it is protected. Passive. */
class OverviewWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit OverviewWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("overview"); }
    QString title() const override;
    QIcon icon() const override;

    void setProfileFolder(const QString &folder);
    /** Bytes on disk of the encrypted database (and its write-ahead log). */
    void setDatabaseSize(qint64 bytes);
    void setUnlockedAt(const QDateTime &time);
    void setRemembered(bool remembered);
    /** Empties every field (on lock, so nothing of the profile stays on screen). */
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_heading;
    QLabel *m_intro;
    QLabel *m_folderLabel;
    QLabel *m_folder;
    QLabel *m_sizeLabel;
    QLabel *m_size;
    QLabel *m_unlockedLabel;
    QLabel *m_unlocked;
    QLabel *m_rememberedLabel;
    QLabel *m_remembered;
    QLabel *m_protectionLabel;
    QLabel *m_protection;
    QLabel *m_next;
    QString m_folderPath;
    qint64 m_bytes = -1;
    QDateTime m_unlockedAt;
    bool m_isRemembered = false;
};

} // namespace fieldline::ui

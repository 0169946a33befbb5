// Translation completeness. lupdate runs over today's sources into a copy of the committed .ts files, so a new
// tr() without a Simplified Chinese translation (or a stale one) fails here, in CI, not in front of a user.
// The compiled catalogue is then checked the way the application uses it.
#include "ui/gate/FirstRunView.h"
#include "ui/main/MainWindow.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message
{
    QString context;
    QString source;
    QString type; ///< "", "unfinished", "vanished", "obsolete"
    QStringList translations;
    bool numerus = false;
};

QList<Message> readTsWithNumerus(const QString &path)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inTranslation = false;
    while (!xml.atEnd()) {
        xml.readNext();
        const auto name = xml.name();
        if (xml.isStartElement()) {
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = Message{
                    context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
            } else if (name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (current.numerus)
                    inTranslation = true;
                else
                    current.translations = {xml.readElementText()};
            } else if (name == QLatin1String("numerusform") && inTranslation) {
                current.translations.append(xml.readElementText());
            }
        } else if (xml.isEndElement()) {
            if (name == QLatin1String("translation"))
                inTranslation = false;
            else if (name == QLatin1String("message"))
                messages.append(current);
        }
    }
    return messages;
}

QString describe(const Message &message)
{
    return message.context + QStringLiteral(": \"") + message.source + QStringLiteral("\" (") +
           (message.type.isEmpty() ? QStringLiteral("empty") : message.type) + QLatin1Char(')');
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void catalogueIsComplete_data();
    void catalogueIsComplete();
    void compiledCatalogueTranslatesClassContexts();

private:
    QString m_sourceDir;
};

void TestTranslations::initTestCase()
{
    m_sourceDir = QString::fromLocal8Bit(qgetenv("FIELDLINE_SOURCE_DIR"));
    QVERIFY2(QFile::exists(m_sourceDir + QStringLiteral("/translations/fieldline_zh_CN.ts")),
             "FIELDLINE_SOURCE_DIR must point at the source tree");
    QVERIFY2(QFile::exists(QStringLiteral(LUPDATE_BIN)), LUPDATE_BIN);
    // Guard the reader itself: a parser that finds nothing would pass every check below.
    QVERIFY(readTsWithNumerus(m_sourceDir + QStringLiteral("/translations/fieldline_zh_CN.ts")).size() > 50);
}

void TestTranslations::catalogueIsComplete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("pluralOnly");
    // English source texts are the English interface; only plural forms need an English entry.
    QTest::newRow("zh_CN") << QStringLiteral("fieldline_zh_CN.ts") << false;
    QTest::newRow("en") << QStringLiteral("fieldline_en.ts") << true;
}

void TestTranslations::catalogueIsComplete()
{
    QFETCH(QString, file);
    QFETCH(bool, pluralOnly);
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(file);
    QVERIFY(QFile::copy(m_sourceDir + QStringLiteral("/translations/") + file, copy));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    QStringList arguments{QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-I"), m_sourceDir};
    if (pluralOnly)
        arguments << QStringLiteral("-pluralonly");
    for (const char *folder : {"app", "storage", "sync", "ui"})
        arguments << m_sourceDir + QLatin1Char('/') + QString::fromLatin1(folder);
    arguments << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(LUPDATE_BIN), arguments);
    QVERIFY(lupdate.waitForFinished(120000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

    QStringList problems;
    const QList<Message> messages = readTsWithNumerus(copy);
    int numerus = 0;
    for (const Message &message : messages) {
        numerus += message.numerus ? 1 : 0;
        bool empty = message.translations.isEmpty();
        for (const QString &translation : message.translations)
            empty = empty || translation.isEmpty();
        if (!message.type.isEmpty() || empty)
            problems.append(describe(message));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 strings need work in %2 (run the update_translations "
                                                           "target and translate them):\n")
                                                .arg(problems.size())
                                                .arg(file) +
                                            problems.join(QLatin1Char('\n'))));
    QVERIFY(numerus > 0);
}

void TestTranslations::compiledCatalogueTranslatesClassContexts()
{
    // The catalogue compiled into the application (from translations/CMakeLists.txt), looked up with the
    // context tr() really uses: a namespace-qualified class name that lupdate must have recorded the same way.
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/fieldline_zh_CN")));
    const char *firstRun = fieldline::ui::FirstRunView::staticMetaObject.className();
    QCOMPARE(translator.translate(firstRun, "Create your encrypted profile"), QStringLiteral("创建加密资料库"));
    const char *mainWindow = fieldline::ui::MainWindow::staticMetaObject.className();
    QVERIFY(!translator.translate(mainWindow, "&Lock").isEmpty());

    // Every message of the committed file resolves in the compiled catalogue.
    QStringList missing;
    for (const Message &message : readTsWithNumerus(m_sourceDir + QStringLiteral("/translations/fieldline_zh_CN.ts"))) {
        const QByteArray context = message.context.toUtf8();
        const QByteArray source = message.source.toUtf8();
        if (translator.translate(context.constData(), source.constData(), nullptr, message.numerus ? 2 : -1).isEmpty())
            missing.append(describe(message));
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));

    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/fieldline_en")));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"

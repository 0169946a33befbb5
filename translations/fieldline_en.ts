<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>fieldline::ui::SettingsDialog</name>
    <message numerus="yes">
        <source>After %n minute(s) without keyboard or mouse input, Fieldline locks the profile.</source>
        <translation>
            <numerusform>After %n minute without keyboard or mouse input, Fieldline locks the profile.</numerusform>
            <numerusform>After %n minutes without keyboard or mouse input, Fieldline locks the profile.</numerusform>
        </translation>
    </message>
</context>
</TS>

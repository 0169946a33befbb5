<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FormValidator</name>
    <message numerus="yes">
        <source>At most %n decimal place(s).</source>
        <translation>
            <numerusform>At most %n decimal place.</numerusform>
            <numerusform>At most %n decimal places.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At least %n item(s).</source>
        <translation>
            <numerusform>At least %n item.</numerusform>
            <numerusform>At least %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At least %n character(s).</source>
        <translation>
            <numerusform>At least %n character.</numerusform>
            <numerusform>At least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n item(s).</source>
        <translation>
            <numerusform>At most %n item.</numerusform>
            <numerusform>At most %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>At most %n character.</numerusform>
            <numerusform>At most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubmissionCheck</name>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…and %n more.</numerusform>
            <numerusform>…and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CampaignSetupController</name>
    <message numerus="yes">
        <source>%n contact(s) added.</source>
        <translation>
            <numerusform>%n contact added.</numerusform>
            <numerusform>%n contacts added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) added; %1 left out: neither their time zone nor their number&apos;s region is known, so calling hours cannot be applied.</source>
        <translation>
            <numerusform>%n contact added; %1 left out: neither their time zone nor their number&apos;s region is known, so calling hours cannot be applied.</numerusform>
            <numerusform>%n contacts added; %1 left out: neither their time zone nor their number&apos;s region is known, so calling hours cannot be applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) whose contact moved are now called in their new time zone.</source>
        <translation>
            <numerusform>%n member whose contact moved is now called in their new time zone.</numerusform>
            <numerusform>%n members whose contacts moved are now called in their new time zones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fieldline::ui::ListFlow</name>
    <message numerus="yes">
        <source>... and %n more.</source>
        <translation>
            <numerusform>... and %n more.</numerusform>
            <numerusform>... and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) taken out of the campaign; not in it: %1; numbers nobody has: %2; callbacks cancelled: %3.</source>
        <translation>
            <numerusform>%n person taken out of the campaign; not in it: %1; numbers nobody has: %2; callbacks cancelled: %3.</numerusform>
            <numerusform>%n people taken out of the campaign; not in it: %1; numbers nobody has: %2; callbacks cancelled: %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) added from the list; new contacts: %1; already in the campaign: %2.</source>
        <translation>
            <numerusform>%n person added from the list; new contacts: %1; already in the campaign: %2.</numerusform>
            <numerusform>%n people added from the list; new contacts: %1; already in the campaign: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: neither their time zone nor their number&apos;s region is known.</source>
        <translation>
            <numerusform>%n left out: neither their time zone nor their number&apos;s region is known.</numerusform>
            <numerusform>%n left out: neither their time zones nor their numbers&apos; regions are known.</numerusform>
        </translation>
    </message>
</context>
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
<context>
    <name>fieldline::ui::SyncController</name>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not signed in: %n change(s) are kept on this computer.</source>
        <translation>
            <numerusform>Not signed in: %n change is kept on this computer.</numerusform>
            <numerusform>Not signed in: %n changes are kept on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced at %1; %n change(s) waiting.</source>
        <translation>
            <numerusform>Synced at %1; %n change waiting.</numerusform>
            <numerusform>Synced at %1; %n changes waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n change(s) are kept on this computer and will be sent later.</source>
        <translation>
            <numerusform>Offline: %n change is kept on this computer and will be sent later.</numerusform>
            <numerusform>Offline: %n changes are kept on this computer and will be sent later.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server is busy; sync resumes in %n second(s).</source>
        <translation>
            <numerusform>The server is busy; sync resumes in %n second.</numerusform>
            <numerusform>The server is busy; sync resumes in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is %1 ahead of the server&apos;s. %n change(s) are kept and will be sent once the server&apos;s time catches up; check the date and time.</source>
        <translation>
            <numerusform>This computer&apos;s clock is %1 ahead of the server&apos;s. %n change is kept and will be sent once the server&apos;s time catches up; check the date and time.</numerusform>
            <numerusform>This computer&apos;s clock is %1 ahead of the server&apos;s. %n changes are kept and will be sent once the server&apos;s time catches up; check the date and time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s) could not be uploaded (%1). They are tried again every %2 minutes; the rest of your work is sent.</source>
        <translation>
            <numerusform>%n attachment could not be uploaded (%1). It is tried again every %2 minutes; the rest of your work is sent.</numerusform>
            <numerusform>%n attachments could not be uploaded (%1). They are tried again every %2 minutes; the rest of your work is sent.</numerusform>
        </translation>
    </message>
</context>
</TS>

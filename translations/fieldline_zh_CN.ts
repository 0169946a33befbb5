<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Campaign</name>
    <message>
        <source>There is no such campaign.</source>
        <translation>没有这个活动。</translation>
    </message>
    <message>
        <source>Campaign %1 has no dialing mode (preview or progressive).</source>
        <translation>活动 %1 没有拨号模式（预览或渐进）。</translation>
    </message>
    <message>
        <source>Campaign %1 has no valid calling window.</source>
        <translation>活动 %1 没有有效的呼叫时段。</translation>
    </message>
    <message>
        <source>Campaign %1 allows %2 attempts; 1 to 100 are possible.</source>
        <translation>活动 %1 允许 %2 次尝试；可设为 1 到 100 次。</translation>
    </message>
    <message>
        <source>Campaign %1 has retry delays that are not minutes.</source>
        <translation>活动 %1 的重拨间隔不是分钟数。</translation>
    </message>
    <message>
        <source>Campaign %1: %2</source>
        <translation>活动 %1：%2</translation>
    </message>
    <message>
        <source>Campaign %1 retries calls but has no retry delays.</source>
        <translation>活动 %1 会重拨，但没有设置重拨间隔。</translation>
    </message>
</context>
<context>
    <name>CampaignSetup</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>活动需要名称。</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>a quoted field starts on this line and is never closed</source>
        <translation>此行开始的带引号字段没有结束引号</translation>
    </message>
    <message>
        <source>more than %1 fields</source>
        <translation>字段超过 %1 个</translation>
    </message>
    <message>
        <source>text after the closing quote of field %1 (a quote inside a quoted field is written as two quotes)</source>
        <translation>第 %1 个字段的结束引号后还有文字（带引号字段中的引号应写成两个引号）</translation>
    </message>
    <message>
        <source>field %1 is not UTF-8 text (save the file as UTF-8)</source>
        <translation>第 %1 个字段不是 UTF-8 文本（请将文件另存为 UTF-8）</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes; split it into smaller files</source>
        <translation>文件大于 %1 字节；请拆分为较小的文件</translation>
    </message>
</context>
<context>
    <name>DialGuard</name>
    <message>
        <source>%1 is not a complete international number.</source>
        <translation>%1 不是完整的国际号码。</translation>
    </message>
    <message>
        <source>This contact asked not to be called.</source>
        <translation>此联系人要求不要来电。</translation>
    </message>
    <message>
        <source>%1 is on the do-not-call list.</source>
        <translation>%1 在免打扰名单上。</translation>
    </message>
    <message>
        <source>%1 is on this campaign&apos;s do-not-call list.</source>
        <translation>%1 在此活动的免打扰名单上。</translation>
    </message>
    <message>
        <source>Where %1 is cannot be told, so calling hours cannot be checked.</source>
        <translation>无法确定 %1 所在地区，因此无法检查呼叫时段。</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>It is %1 for this contact; calls are allowed from %2.</source>
        <translation>此联系人当地时间为 %1；允许呼叫的时段为 %2。</translation>
    </message>
    <message>
        <source>Calls are allowed from %1 in every time zone of this number&apos;s region, and that is not the case now.</source>
        <translation>只有在此号码所属地区的每个时区都处于 %1 时才允许呼叫，现在不满足。</translation>
    </message>
</context>
<context>
    <name>Dispositions</name>
    <message>
        <source>The dispositions are longer than %1 KB.</source>
        <translation>处理结果列表超过 %1 KB。</translation>
    </message>
    <message>
        <source>The dispositions are not a JSON list.</source>
        <translation>处理结果不是 JSON 列表。</translation>
    </message>
    <message>
        <source>A campaign has 1 to %1 dispositions.</source>
        <translation>一个活动应有 1 到 %1 个处理结果。</translation>
    </message>
    <message>
        <source>Disposition code &apos;%1&apos; is not a lower-case word.</source>
        <translation>处理结果代码“%1”不是小写单词。</translation>
    </message>
    <message>
        <source>Disposition code &apos;%1&apos; is used twice.</source>
        <translation>处理结果代码“%1”重复使用。</translation>
    </message>
    <message>
        <source>Disposition &apos;%1&apos; has no label.</source>
        <translation>处理结果“%1”没有名称。</translation>
    </message>
    <message>
        <source>Disposition &apos;%1&apos; needs a key from 0 to 9.</source>
        <translation>处理结果“%1”需要 0 到 9 之间的快捷键。</translation>
    </message>
    <message>
        <source>Key %1 is used by two dispositions.</source>
        <translation>快捷键 %1 被两个处理结果使用。</translation>
    </message>
    <message>
        <source>Disposition &apos;%1&apos; has an effect other than final, retry or callback.</source>
        <translation>处理结果“%1”的效果不是结束、重拨或回拨。</translation>
    </message>
    <message>
        <source>Disposition &apos;%1&apos; has a retry delay that is not a number of minutes.</source>
        <translation>处理结果“%1”的重拨间隔不是分钟数。</translation>
    </message>
    <message>
        <source>Disposition &apos;%1&apos; puts the number on the do-not-call list, so it must be final.</source>
        <translation>处理结果“%1”会把号码加入免打扰名单，因此必须是结束类处理结果。</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <source>Your disk is full, so Fieldline could not save. Nothing you entered is lost: free some space (for example, empty the trash), then choose Try again.</source>
        <translation>磁盘已满，Fieldline 无法保存。您输入的内容都还在：请腾出一些空间（例如清空回收站），然后选择“重试”。</translation>
    </message>
    <message>
        <source>That passphrase is not correct. Nothing was changed. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>密码不正确，没有任何更改。请检查大写锁定键和键盘布局，然后重试。</translation>
    </message>
    <message>
        <source>The profile files are damaged or were changed outside Fieldline.</source>
        <translation>资料库文件已损坏，或在 Fieldline 之外被改动过。</translation>
    </message>
    <message>
        <source>The profile is in use by another Fieldline window. Close that window, then try again.</source>
        <translation>另一个 Fieldline 窗口正在使用此资料库。请关闭那个窗口，然后重试。</translation>
    </message>
    <message>
        <source>Fieldline could not read or write the profile files.</source>
        <translation>Fieldline 无法读取或写入资料库文件。</translation>
    </message>
    <message>
        <source>A profile file is missing.</source>
        <translation>缺少一个资料库文件。</translation>
    </message>
    <message>
        <source>Something went wrong inside Fieldline. Your data has not been changed.</source>
        <translation>Fieldline 内部出现问题。您的数据没有被更改。</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <translation>%1 详细信息：%2</translation>
    </message>
    <message>
        <source>This computer lacks a service that Fieldline needs for this.</source>
        <translation>这台电脑缺少 Fieldline 执行此操作所需的服务。</translation>
    </message>
    <message>
        <source>This is too large to save: one field may hold at most %1 KB. Nothing was saved; shorten it and try again.</source>
        <translation>内容太大，无法保存：一个字段最多只能容纳 %1 KB。未保存任何内容；请缩短后重试。</translation>
    </message>
</context>
<context>
    <name>Expression</name>
    <message>
        <source>The expression is longer than %1 characters.</source>
        <translation>表达式超过 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>ExpressionFunctions</name>
    <message>
        <source>%1() cannot take %2 here.</source>
        <translation>%1() 在此处不能接受%2。</translation>
    </message>
    <message>
        <source>sum() adds numbers; the list holds %1.</source>
        <translation>sum() 只能对数字求和；列表中含有%1。</translation>
    </message>
    <message>
        <source>The result is too large for a number.</source>
        <translation>结果超出数字的范围。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date written as YYYY-MM-DD.</source>
        <translation>“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>round() keeps 0 to %1 digits after the point.</source>
        <translation>round() 保留小数点后 0 到 %1 位。</translation>
    </message>
    <message>
        <source>There is no function called &apos;%1&apos;.</source>
        <translation>没有名为“%1”的函数。</translation>
    </message>
</context>
<context>
    <name>ExpressionLexer</name>
    <message>
        <source>The character &apos;%1&apos; has no meaning in an expression.</source>
        <translation>字符“%1”在表达式中没有含义。</translation>
    </message>
    <message>
        <source>A number cannot run into a name; put a space or an operator between them.</source>
        <translation>数字不能紧接名称；请在两者之间加空格或运算符。</translation>
    </message>
    <message>
        <source>A number may have at most %1 digits, %2 of them after the point.</source>
        <translation>数字最多 %1 位，其中小数点后最多 %2 位。</translation>
    </message>
    <message>
        <source>Unknown escape &apos;\%1&apos; in a text; use \\, \&apos;, \&quot; or \n.</source>
        <translation>文本中有未知的转义“\%1”；请使用 \\、\&apos;、\&quot; 或 \n。</translation>
    </message>
    <message>
        <source>The text that starts here has no closing quote.</source>
        <translation>从这里开始的文本缺少结束引号。</translation>
    </message>
</context>
<context>
    <name>FieldSpecReader</name>
    <message>
        <source>Expected a list of at least one field.</source>
        <translation>应为至少包含一个字段的列表。</translation>
    </message>
    <message>
        <source>Expected a field, written as an object.</source>
        <translation>应为一个字段，以对象形式书写。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a field type. Use one of: text, multiline, integer, decimal, date, time, datetime, choice, multi-choice, checkbox, phone, email, rating, barcode, photo, signature, group.</source>
        <translation>“%1”不是字段类型。请使用以下之一：text、multiline、integer、decimal、date、time、datetime、choice、multi-choice、checkbox、phone、email、rating、barcode、photo、signature、group。</translation>
    </message>
    <message>
        <source>A repeat group cannot hold another repeat group.</source>
        <translation>重复组中不能再包含重复组。</translation>
    </message>
    <message>
        <source>The property &apos;%1&apos; does not apply to a field of type &apos;%2&apos;.</source>
        <translation>属性“%1”不适用于“%2”类型的字段。</translation>
    </message>
    <message>
        <source>A rating goes up to at most 10 stars.</source>
        <translation>评分最多为 10 颗星。</translation>
    </message>
    <message>
        <source>The minimum is greater than the maximum.</source>
        <translation>最小值大于最大值。</translation>
    </message>
    <message>
        <source>Expected a regular expression of 1 to %1 characters.</source>
        <translation>应为 1 到 %1 个字符的正则表达式。</translation>
    </message>
    <message>
        <source>The regular expression is not valid at character %1: %2</source>
        <translation>正则表达式在第 %1 个字符处无效：%2</translation>
    </message>
    <message>
        <source>A choice needs a list of options.</source>
        <translation>选择字段需要一个选项列表。</translation>
    </message>
    <message>
        <source>Expected a list of 1 to %1 options.</source>
        <translation>应为包含 1 到 %1 个选项的列表。</translation>
    </message>
    <message>
        <source>An option&apos;s value is a text of 1 to %1 characters.</source>
        <translation>选项的值是 1 到 %1 个字符的文本。</translation>
    </message>
    <message>
        <source>The value &apos;%1&apos; is already used by another option.</source>
        <translation>值“%1”已被另一个选项使用。</translation>
    </message>
    <message>
        <source>The default &apos;%1&apos; is not one of the options.</source>
        <translation>默认值“%1”不是选项之一。</translation>
    </message>
</context>
<context>
    <name>FieldValueJson</name>
    <message>
        <source>Expected a number such as 12 or 12.5.</source>
        <translation>应为数字，例如 12 或 12.5。</translation>
    </message>
    <message>
        <source>Expected a whole number.</source>
        <translation>应为整数。</translation>
    </message>
    <message>
        <source>Expected text.</source>
        <translation>应为文本。</translation>
    </message>
    <message>
        <source>The text is longer than %1 characters.</source>
        <translation>文本超过 %1 个字符。</translation>
    </message>
    <message>
        <source>Expected a date written as YYYY-MM-DD.</source>
        <translation>应为 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>Expected a date and time in ISO 8601, such as 2026-11-22T09:30:00+08:00.</source>
        <translation>应为 ISO 8601 格式的日期和时间，例如 2026-11-22T09:30:00+08:00。</translation>
    </message>
    <message>
        <source>Expected a time written as HH:MM.</source>
        <translation>应为 HH:MM 格式的时间。</translation>
    </message>
    <message>
        <source>Expected a list of texts.</source>
        <translation>应为文本列表。</translation>
    </message>
    <message>
        <source>The list has more than %1 items.</source>
        <translation>列表超过 %1 项。</translation>
    </message>
    <message>
        <source>Expected true or false.</source>
        <translation>应为 true 或 false。</translation>
    </message>
    <message>
        <source>A repeat group has rows, not a single value.</source>
        <translation>重复组包含若干行，而不是单个值。</translation>
    </message>
</context>
<context>
    <name>FormValidator</name>
    <message>
        <source>A rule of this field failed at character %1: %2</source>
        <translation>此字段的规则在第 %1 个字符处出错：%2</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此字段为必填项。</translation>
    </message>
    <message>
        <source>The rule of this field failed at character %1: %2</source>
        <translation>此字段的校验规则在第 %1 个字符处出错：%2</translation>
    </message>
    <message>
        <source>The value does not meet the rule %1.</source>
        <translation>该值不符合规则 %1。</translation>
    </message>
    <message>
        <source>Expected %1, not %2.</source>
        <translation>应为%1，而不是%2。</translation>
    </message>
    <message>
        <source>Expected a whole number.</source>
        <translation>应为整数。</translation>
    </message>
    <message numerus="yes">
        <source>At most %n decimal place(s).</source>
        <translation>
            <numerusform>最多 %n 位小数。</numerusform>
        </translation>
    </message>
    <message>
        <source>Expected a time written as HH:MM.</source>
        <translation>应为 HH:MM 格式的时间。</translation>
    </message>
    <message>
        <source>Every item must be a text.</source>
        <translation>每一项都必须是文本。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the options.</source>
        <translation>“%1”不是选项之一。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is chosen twice.</source>
        <translation>“%1”被选择了两次。</translation>
    </message>
    <message>
        <source>The smallest value allowed is %1.</source>
        <translation>允许的最小值为 %1。</translation>
    </message>
    <message numerus="yes">
        <source>At least %n item(s).</source>
        <translation>
            <numerusform>至少 %n 项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At least %n character(s).</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The largest value allowed is %1.</source>
        <translation>允许的最大值为 %1。</translation>
    </message>
    <message numerus="yes">
        <source>At most %n item(s).</source>
        <translation>
            <numerusform>最多 %n 项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Expected an email address such as name@example.com.</source>
        <translation>应为电子邮件地址，例如 name@example.com。</translation>
    </message>
    <message>
        <source>Expected a phone number: digits, spaces, and an optional leading +.</source>
        <translation>应为电话号码：数字、空格，开头可带 +。</translation>
    </message>
    <message>
        <source>The value does not have the expected form.</source>
        <translation>该值的格式不符合要求。</translation>
    </message>
    <message>
        <source>The signature cannot be read.</source>
        <translation>无法读取签名。</translation>
    </message>
</context>
<context>
    <name>FormValue</name>
    <message>
        <source>nothing (null)</source>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>是/否值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
</context>
<context>
    <name>HybridLogicalClock</name>
    <message>
        <source>A change was refused because the other device&apos;s clock is %1 ahead of yours. Check the date and time on both devices.</source>
        <translation>一项更改被拒绝，因为另一台设备的时钟比您的快 %1。请检查两台设备的日期和时间。</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>LayoutChecks</name>
    <message>
        <source>Another section already has the id &apos;%1&apos;.</source>
        <translation>已有另一个分区使用 ID“%1”。</translation>
    </message>
    <message>
        <source>Another field already has the id &apos;%1&apos;.</source>
        <translation>已有另一个字段使用 ID“%1”。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a repeat group, so &apos;%2&apos; names nothing.</source>
        <translation>“%1”不是重复组，因此“%2”不指向任何字段。</translation>
    </message>
    <message>
        <source>The repeat group &apos;%1&apos; has no field &apos;%2&apos;.</source>
        <translation>重复组“%1”中没有字段“%2”。</translation>
    </message>
    <message>
        <source>The expression reads &apos;%1&apos;, but the layout has no field with that id.</source>
        <translation>表达式读取了“%1”，但布局中没有该 ID 的字段。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a field of the repeat group &apos;%2&apos;; write %2.%1 to read its column.</source>
        <translation>“%1”是重复组“%2”中的字段；请写 %2.%1 来读取该列。</translation>
    </message>
    <message>
        <source>Computed values depend on each other in a circle: %1.</source>
        <translation>计算值之间存在循环依赖：%1。</translation>
    </message>
</context>
<context>
    <name>LayoutJson</name>
    <message>
        <source>An id is required, written as text.</source>
        <translation>需要一个 ID，以文本形式书写。</translation>
    </message>
    <message>
        <source>Unknown property &apos;%1&apos;.</source>
        <translation>未知属性“%1”。</translation>
    </message>
    <message>
        <source>A field id starts with a letter or &apos;_&apos; and has only letters, digits and &apos;_&apos;, 64 characters at most.</source>
        <translation>字段 ID 以字母或“_”开头，只能包含字母、数字和“_”，最多 64 个字符。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a word of the expression language and cannot name a field.</source>
        <translation>“%1”是表达式语言的保留字，不能用作字段名。</translation>
    </message>
    <message>
        <source>An id has only letters, digits, &apos;-&apos; and &apos;_&apos;, starts with a letter or digit, and has 64 characters at most.</source>
        <translation>ID 只能包含字母、数字、“-”和“_”，以字母或数字开头，最多 64 个字符。</translation>
    </message>
    <message>
        <source>Expected true or false.</source>
        <translation>应为 true 或 false。</translation>
    </message>
    <message>
        <source>Expected a whole number from %1 to %2.</source>
        <translation>应为 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>A text is required here, in at least one language.</source>
        <translation>此处需要文本，至少一种语言。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a language code such as en or zh_CN.</source>
        <translation>“%1”不是语言代码（例如 en 或 zh_CN）。</translation>
    </message>
    <message>
        <source>Expected text.</source>
        <translation>应为文本。</translation>
    </message>
    <message>
        <source>Expected a text, or an object of texts by language such as {&quot;en&quot;: &quot;Name&quot;}.</source>
        <translation>应为文本，或按语言组织的文本对象，例如 {&quot;en&quot;: &quot;Name&quot;}。</translation>
    </message>
    <message>
        <source>The text is longer than %1 characters.</source>
        <translation>文本超过 %1 个字符。</translation>
    </message>
    <message>
        <source>Expected an expression written as text.</source>
        <translation>应为以文本形式书写的表达式。</translation>
    </message>
    <message>
        <source>At character %1: %2</source>
        <translation>第 %1 个字符处：%2</translation>
    </message>
</context>
<context>
    <name>LayoutReader</name>
    <message>
        <source>The layout is larger than %1 MB.</source>
        <translation>布局大于 %1 MB。</translation>
    </message>
    <message>
        <source>The layout is not valid JSON (byte %1: %2).</source>
        <translation>布局不是有效的 JSON（第 %1 字节：%2）。</translation>
    </message>
    <message>
        <source>The layout must be a JSON object.</source>
        <translation>布局必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>This layout needs a newer Fieldline (layout format %1; this version reads format %2).</source>
        <translation>此布局需要更新版本的 Fieldline（布局格式 %1；本版本只能读取格式 %2）。</translation>
    </message>
    <message>
        <source>Expected &quot;format&quot;: %1.</source>
        <translation>应为 &quot;format&quot;: %1。</translation>
    </message>
    <message>
        <source>A version number is required.</source>
        <translation>需要版本号。</translation>
    </message>
    <message>
        <source>Expected a list of 1 to %1 sections.</source>
        <translation>应为包含 1 到 %1 个分区的列表。</translation>
    </message>
    <message>
        <source>The layout has more than %1 fields; split it into several forms.</source>
        <translation>布局超过 %1 个字段；请拆分为多个表单。</translation>
    </message>
    <message>
        <source>Expected a section, written as an object.</source>
        <translation>应为一个分区，以对象形式书写。</translation>
    </message>
</context>
<context>
    <name>ListImport</name>
    <message>
        <source>the file is empty; its first line names the columns, such as phone, first_name, last_name</source>
        <translation>文件为空；第一行应为列名，例如 phone、first_name、last_name</translation>
    </message>
    <message>
        <source>unknown column &apos;%1&apos;; a list has the columns %2</source>
        <translation>未知列“%1”；名单可包含的列为 %2</translation>
    </message>
    <message>
        <source>the column &apos;phone&apos; is missing</source>
        <translation>缺少“phone”列</translation>
    </message>
    <message>
        <source>%1 fields, the header has %2</source>
        <translation>有 %1 个字段，表头有 %2 个</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a phone number (a number of another country needs its + and country code)</source>
        <translation>“%1”不是电话号码（其他国家的号码需要加 + 和国家代码）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone such as Europe/Berlin</source>
        <translation>“%1”不是时区（例如 Europe/Berlin）</translation>
    </message>
    <message>
        <source>the first line cannot be read, so the columns are not known</source>
        <translation>第一行无法读取，因此无法确定列</translation>
    </message>
    <message>
        <source>the column &apos;%1&apos; appears twice</source>
        <translation>列“%1”出现了两次</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an extension (%2), which a campaign&apos;s number cannot keep: import the number without it</source>
        <translation>“%1”带有分机号（%2），活动中的号码无法保留分机号：请导入不带分机号的号码</translation>
    </message>
</context>
<context>
    <name>NewPassphraseCheck</name>
    <message>
        <source>Choose a passphrase of four or more words that do not belong together.</source>
        <translation>请选择由四个或更多互不相关的词语组成的密码。</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess. Add more words, or words that do not belong together.</source>
        <translation>这个密码太容易被猜到。请添加更多词语，或使用互不相关的词语。</translation>
    </message>
    <message>
        <source>Type the passphrase again to confirm it.</source>
        <translation>请再次输入密码以确认。</translation>
    </message>
    <message>
        <source>The two passphrases are different.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Keep this passphrase safe. Without it nobody can open the profile, not even support.</source>
        <translation>请妥善保管此密码。没有它，任何人都无法打开资料库，技术支持人员也不能。</translation>
    </message>
</context>
<context>
    <name>OutcomeRecorder</name>
    <message>
        <source>Choose one of the campaign&apos;s dispositions.</source>
        <translation>请选择此活动的一个处理结果。</translation>
    </message>
    <message>
        <source>This disposition needs a callback time in the future.</source>
        <translation>此处理结果需要一个将来的回拨时间。</translation>
    </message>
    <message>
        <source>This disposition needs its outcome form filled in.</source>
        <translation>此处理结果需要填写结果表单。</translation>
    </message>
    <message>
        <source>The note is longer than 4,000 characters.</source>
        <translation>备注超过 4,000 个字符。</translation>
    </message>
    <message>
        <source>Asked during a call (%1).</source>
        <translation>通话中提出（%1）。</translation>
    </message>
</context>
<context>
    <name>PhotoImport</name>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB.</source>
        <translation>%1 大于 %2 MB。</translation>
    </message>
    <message>
        <source>%1 is not a picture this version can read (JPEG, PNG, BMP, GIF).</source>
        <translation>%1 不是此版本能读取的图片（JPEG、PNG、BMP、GIF）。</translation>
    </message>
    <message>
        <source>%1 has more than %2 million pixels.</source>
        <translation>%1 超过 %2 百万像素。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 could not be converted: %2</source>
        <translation>无法转换 %1：%2</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>This device&apos;s clock is %1 ahead of the server&apos;s; check its date and time.</source>
        <translation>此设备的时钟比服务器快 %1，请检查其日期和时间。</translation>
    </message>
    <message>
        <source>A device may only send its own changes.</source>
        <translation>设备只能发送它自己的更改。</translation>
    </message>
    <message>
        <source>This record is neither yours nor in your territories; the server&apos;s copy stands.</source>
        <translation>此记录既不属于您，也不在您的区域内；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>A value may hold at most %1 KiB; the server&apos;s copy stands.</source>
        <translation>一个值最多 %1 KiB；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>A record may hold at most %1 fields.</source>
        <translation>一条记录最多可有 %1 个字段。</translation>
    </message>
    <message>
        <source>A record may hold at most %1 MiB.</source>
        <translation>一条记录最多 %1 MiB。</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>此记录已不存在。</translation>
    </message>
    <message>
        <source>Form layouts are published from the form designer, which checks them; the server&apos;s copy stands.</source>
        <translation>表单布局须从表单设计器发布，设计器会检查它们；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>Only managers and administrators may change the product catalog; the server&apos;s copy stands.</source>
        <translation>只有经理和管理员可以修改产品目录；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>Only managers and administrators may change campaigns; the server&apos;s copy stands.</source>
        <translation>只有经理和管理员可以修改活动；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>Only managers and administrators may add, remove or reassign campaign members; the server&apos;s copy stands.</source>
        <translation>只有经理和管理员可以添加、移除或重新分配活动成员；以服务器上的版本为准。</translation>
    </message>
    <message>
        <source>Only managers and administrators may take a number off the do-not-call list; it stays on it.</source>
        <translation>只有经理和管理员可以将号码移出免打扰名单；该号码仍在名单上。</translation>
    </message>
    <message>
        <source>Only managers and administrators may clear a contact&apos;s opt-out; the person stays opted out.</source>
        <translation>只有经理和管理员可以撤销联系人的拒绝联系；此人仍保持拒绝联系。</translation>
    </message>
    <message>
        <source>%1 is calling this person already; their claim stands.</source>
        <translation>%1 已在拨打此人；以其认领为准。</translation>
    </message>
</context>
<context>
    <name>RememberAvailability</name>
    <message>
        <source>Not available: this computer has no keychain service that Fieldline can use (such as GNOME Keyring or KWallet).</source>
        <translation>不可用：这台电脑上没有 Fieldline 可以使用的密钥环服务（例如 GNOME 密钥环或 KWallet）。</translation>
    </message>
</context>
<context>
    <name>SubmissionCells</name>
    <message>
        <source>The stored value is not a form value.</source>
        <translation>存储的值不是表单值。</translation>
    </message>
    <message>
        <source>Not a row of a repeat group of this layout.</source>
        <translation>不是此布局中重复组的一行。</translation>
    </message>
    <message>
        <source>Not a field of this layout.</source>
        <translation>不是此布局中的字段。</translation>
    </message>
</context>
<context>
    <name>SubmissionCheck</name>
    <message>
        <source>Version %1 of form %2 cannot be read, so the submission cannot be checked.</source>
        <translation>表单 %2 的第 %1 版无法读取，因此无法检查此提交。</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>……还有 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>fieldline::app::FormPublishClient</name>
    <message>
        <source>Published version %1 of %2; devices receive it with their next sync.</source>
        <translation>已发布 %2 的第 %1 版；设备将在下次同步时收到。</translation>
    </message>
    <message>
        <source>Version %1 of %2 was already published as it is.</source>
        <translation>%2 的第 %1 版已按原样发布过。</translation>
    </message>
    <message>
        <source>The server refused the layout: %1 %2</source>
        <translation>服务器拒绝了此布局：%1 %2</translation>
    </message>
    <message>
        <source>Only an administrator of this organisation may publish forms.</source>
        <translation>只有本组织的管理员可以发布表单。</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>The server refused the layout (HTTP %1): %2</source>
        <translation>服务器拒绝了此布局（HTTP %1）：%2</translation>
    </message>
</context>
<context>
    <name>fieldline::forms::Expression</name>
    <message>
        <source>Expected yes/no here, not %1.</source>
        <translation>此处应为是/否值，而不是%1。</translation>
    </message>
    <message>
        <source>Only a number can be negated, not %1.</source>
        <translation>只有数字可以取负，%1 不行。</translation>
    </message>
    <message>
        <source>The operator &apos;%1&apos; cannot combine %2 and %3.</source>
        <translation>运算符“%1”不能用于%2和%3。</translation>
    </message>
    <message>
        <source>A date moves by a whole number of days (at most 3,000,000).</source>
        <translation>日期只能加减整数天（最多 3,000,000 天）。</translation>
    </message>
    <message>
        <source>Division by zero.</source>
        <translation>除数为零。</translation>
    </message>
    <message>
        <source>The result is too large for a number.</source>
        <translation>结果超出数字的范围。</translation>
    </message>
    <message>
        <source>Unexpected &apos;%1&apos; after a complete expression.</source>
        <translation>完整的表达式之后出现了多余的“%1”。</translation>
    </message>
    <message>
        <source>The expression is nested more than %1 levels deep.</source>
        <translation>表达式嵌套超过 %1 层。</translation>
    </message>
    <message>
        <source>Comparisons cannot be chained; join them with &apos;and&apos;.</source>
        <translation>比较不能连写；请用“and”连接。</translation>
    </message>
    <message>
        <source>The expression ends where a value is expected.</source>
        <translation>表达式在应有值的位置结束了。</translation>
    </message>
    <message>
        <source>Expected a value here, found &apos;%1&apos;.</source>
        <translation>此处应为一个值，却是“%1”。</translation>
    </message>
    <message>
        <source>Expected &apos;)&apos; to close the &apos;(&apos; at position %1.</source>
        <translation>缺少“)”来闭合位置 %1 的“(”。</translation>
    </message>
    <message>
        <source>There is no function called &apos;%1&apos;.</source>
        <translation>没有名为“%1”的函数。</translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;)&apos; in the call of %1() that opens at position %2.</source>
        <translation>在位置 %2 开始的 %1() 调用中，此处应为“,”或“)”。</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 到 %2 个</translation>
    </message>
    <message>
        <source>%1() takes %2 arguments, not %3.</source>
        <translation>%1() 需要 %2 个参数，而不是 %3 个。</translation>
    </message>
</context>
<context>
    <name>fieldline::telephony::BaresipTelephony</name>
    <message>
        <source>hung up here</source>
        <translation>本方挂断</translation>
    </message>
    <message>
        <source>hung up by the other side</source>
        <translation>对方挂断</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>the number does not exist</source>
        <translation>号码不存在</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>nobody answers at that address</source>
        <translation>该地址无人响应</translation>
    </message>
    <message>
        <source>The phone engine stopped unexpectedly.</source>
        <translation>电话引擎意外停止。</translation>
    </message>
    <message>
        <source>The phone engine exited (code %1).</source>
        <translation>电话引擎已退出（代码 %1）。</translation>
    </message>
    <message>
        <source>The phone engine (baresip) cannot be started; is it installed?</source>
        <translation>无法启动电话引擎（baresip）；是否已安装？</translation>
    </message>
    <message>
        <source>The phone engine closed its control connection.</source>
        <translation>电话引擎关闭了控制连接。</translation>
    </message>
    <message>
        <source>The phone engine cannot be set up: %1</source>
        <translation>无法设置电话引擎：%1</translation>
    </message>
    <message>
        <source>The phone engine&apos;s control port is taken.</source>
        <translation>电话引擎的控制端口已被占用。</translation>
    </message>
    <message>
        <source>The phone engine sent something unreadable.</source>
        <translation>电话引擎发送了无法读取的内容。</translation>
    </message>
    <message>
        <source>A call is already under way.</source>
        <translation>已有通话正在进行。</translation>
    </message>
    <message>
        <source>The phone engine is not running.</source>
        <translation>电话引擎未运行。</translation>
    </message>
    <message>
        <source>%1 cannot be dialled.</source>
        <translation>无法拨打 %1。</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>The phone engine keeps stopping; calls are off until it is started again.</source>
        <translation>电话引擎反复停止；在重新启动之前无法通话。</translation>
    </message>
</context>
<context>
    <name>fieldline::telephony::UriHandoffTelephony</name>
    <message>
        <source>%1 cannot be handed to a softphone.</source>
        <translation>无法将 %1 交给软电话。</translation>
    </message>
    <message>
        <source>no softphone took the call</source>
        <translation>没有软电话接手此呼叫</translation>
    </message>
    <message>
        <source>No softphone on this computer opens %1 links.</source>
        <translation>这台电脑上没有能打开 %1 链接的软电话。</translation>
    </message>
    <message>
        <source>handed off</source>
        <translation>已转交</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::AboutDialog</name>
    <message>
        <source>About Fieldline</source>
        <translation>关于 Fieldline</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Telemarketing, field visits and order entry that work offline. Everything is kept in an encrypted profile on this computer.</source>
        <translation>可离线使用的电话营销、外勤拜访和订单录入。所有数据都保存在这台电脑上的加密资料库中。</translation>
    </message>
    <message>
        <source>Built on</source>
        <translation>基于以下组件构建</translation>
    </message>
    <message>
        <source>Library versions</source>
        <translation>程序库版本</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::AgentController</name>
    <message>
        <source>Ready after this call.</source>
        <translation>本次通话后就绪。</translation>
    </message>
    <message>
        <source>Paused after this call.</source>
        <translation>本次通话后暂停。</translation>
    </message>
    <message>
        <source>%1  %2  %3 s  %4</source>
        <translation>%1  %2  %3 秒  %4</translation>
    </message>
    <message>
        <source>Their time: %1</source>
        <translation>对方时间：%1</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <translation>第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <source>Dialling in %1 s</source>
        <translation>%1 秒后拨号</translation>
    </message>
    <message>
        <source>Ended: %1</source>
        <translation>已结束：%1</translation>
    </message>
    <message>
        <source>Not answered: %1</source>
        <translation>未接通：%1</translation>
    </message>
    <message>
        <source>Dialling %1…</source>
        <translation>正在拨打 %1…</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>%1 is not a number that can be called.</source>
        <translation>%1 不是可以拨打的号码。</translation>
    </message>
    <message>
        <source>Dialled by hand</source>
        <translation>手动拨号</translation>
    </message>
    <message>
        <source>Today: %1 calls, %2 reached, %3 talk time, %4 conversions</source>
        <translation>今日：通话 %1 次，接通 %2 次，通话时长 %3，成交 %4 次</translation>
    </message>
    <message>
        <source>Their time: not known (their region spans several time zones)</source>
        <translation>对方时间：未知（其所在地区跨多个时区）</translation>
    </message>
    <message>
        <source>The phone is not ready.</source>
        <translation>电话尚未就绪。</translation>
    </message>
    <message>
        <source>A number dialled by hand belongs to no contact, so no callback can be planned for it.</source>
        <translation>手动拨打的号码不属于任何联系人，因此无法为其安排回拨。</translation>
    </message>
    <message>
        <source>%1 is calling this person already; this is the next contact.</source>
        <translation>%1 已在拨打此人；这是下一位联系人。</translation>
    </message>
    <message>
        <source>Their time: not known</source>
        <translation>对方时间：未知</translation>
    </message>
    <message>
        <source>Their time: %1, outside the calling hours</source>
        <translation>对方时间：%1，不在呼叫时段内</translation>
    </message>
    <message>
        <source>%1 is on the do-not-call list; this is the next contact.</source>
        <translation>%1 已加入免打扰名单；这是下一位联系人。</translation>
    </message>
    <message>
        <source>%1 is on the do-not-call list. Now pick the disposition.</source>
        <translation>%1 已加入免打扰名单。现在请选择处理结果。</translation>
    </message>
    <message>
        <source>a contact without a name</source>
        <translation>无名称的联系人</translation>
    </message>
    <message>
        <source>%1  %2 (any agent)</source>
        <translation>%1  %2（任何坐席）</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>已到期：%1</translation>
    </message>
    <message>
        <source>Callback due: %1 (%2). It is offered before anyone else.</source>
        <translation>回拨已到期：%1（%2）。将优先于其他联系人提供。</translation>
    </message>
    <message>
        <source>Asked the agent during a call.</source>
        <translation>通话中向坐席提出。</translation>
    </message>
    <message>
        <source>Campaign %1 is no longer active.</source>
        <translation>活动 %1 已不再进行。</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>Waiting: %1 due now, %2 later   Callbacks due: %3</source>
        <translation>等待中：现在可拨 %1，稍后 %2   到期回拨：%3</translation>
    </message>
    <message>
        <source>Checking with the server that no colleague is calling this person...</source>
        <translation>正在向服务器确认没有同事在拨打此人……</translation>
    </message>
    <message>
        <source>The server could not be reached to confirm that no colleague is calling this person, so people from the campaign&apos;s shared pool wait until it can be. Your own contacts and callbacks can still be called.</source>
        <translation>无法连接服务器来确认没有同事在拨打此人，因此活动共享池中的联系人需等到能连接时再拨打。您自己的联系人和回拨仍可拨打。</translation>
    </message>
    <message>
        <source>This person was taken out of the campaign during the call, so no callback was planned. The call is recorded.</source>
        <translation>此人在通话期间已被移出活动，因此未安排回拨。本次通话已记录。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::AgentSession</name>
    <message>
        <source>Sign in to take calls: every call is recorded as yours.</source>
        <translation>请登录后再接打电话：每次通话都会记录在您名下。</translation>
    </message>
    <message>
        <source>No campaign is active on this computer yet.</source>
        <translation>这台电脑上还没有进行中的活动。</translation>
    </message>
    <message>
        <source>Finish this call and record it before switching campaigns.</source>
        <translation>请先结束并记录此通话，再切换活动。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::AgentWorkspace</name>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Disposition %1, key %2</source>
        <translation>处理结果 %1，快捷键 %2</translation>
    </message>
    <message>
        <source>Note about this call (Tab)</source>
        <translation>本次通话的备注（Tab）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation>回拨时间</translation>
    </message>
    <message>
        <source>Any agent may call back</source>
        <translation>任何坐席都可回拨</translation>
    </message>
    <message>
        <source>Past calls</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>F8: ready for the next contact.</source>
        <translation>F8：准备接下一位联系人。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Dialling soon. Escape: stop the countdown.</source>
        <translation>即将拨号。Escape：停止倒计时。</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Escape: hang up. F7: hold or resume. Digits: tones.</source>
        <translation>Escape：挂断。F7：保持或恢复。数字键：按键音。</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Enter: confirm the callback time. Escape: choose another disposition.</source>
        <translation>Enter：确认回拨时间。Escape：选择其他处理结果。</translation>
    </message>
    <message>
        <source>Nobody can be called now. F8: pause.</source>
        <translation>现在没有可拨打的联系人。F8：暂停。</translation>
    </message>
    <message>
        <source>Dial a number (Ctrl+D)</source>
        <translation>拨打号码（Ctrl+D）</translation>
    </message>
    <message>
        <source>Number to dial</source>
        <translation>要拨打的号码</translation>
    </message>
    <message>
        <source>Callback due</source>
        <translation>回拨到期</translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation>活动(&amp;C)：</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Call back at (your time):</source>
        <translation>回拨时间（您的时间）：</translation>
    </message>
    <message>
        <source>Callbacks to make:</source>
        <translation>待回拨：</translation>
    </message>
    <message>
        <source>Callbacks to make</source>
        <translation>待回拨</translation>
    </message>
    <message>
        <source>Enter: call. F9: do not call this number. F8: pause.</source>
        <translation>Enter：拨打。F9：不再拨打此号码。F8：暂停。</translation>
    </message>
    <message>
        <source>Press the key of the disposition. F9: do not call this number again.</source>
        <translation>请按处理结果对应的键。F9：不再拨打此号码。</translation>
    </message>
    <message>
        <source>People in this campaign waiting for you or any agent. Due now: their turn has come and it is within their calling hours; one whose numbers are on a do-not-call list, or whom this computer does not hold, is passed over when the queue reaches them. Later: their retry delay has not passed or it is outside their calling hours. A number with + after it: at least that many (only the first 500 of each time zone are counted).</source>
        <translation>本活动中等待您或任何坐席拨打的人。现在可拨：已轮到且在其可拨打时段内；号码在免打扰名单上或本机没有其资料的人，在队列轮到时会被跳过。稍后：重拨间隔未到，或不在其可拨打时段内。数字后带 +：至少这么多（每个时区只统计前 500 个）。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CallSettingsController</name>
    <message>
        <source>Fill in the SIP user and server. They may hold letters, digits and . _ ~ + - only, and the server may end in :port.</source>
        <translation>请填写 SIP 用户和服务器。只能包含字母、数字和 . _ ~ + -，服务器末尾可加 :端口。</translation>
    </message>
    <message>
        <source>The SIP password cannot contain spaces, quotes or &apos;;&apos; (at most 128 characters).</source>
        <translation>SIP 密码不能包含空格、引号或“;”（最多 128 个字符）。</translation>
    </message>
    <message>
        <source>The name shown to callees cannot contain quotes, &lt; or &gt;.</source>
        <translation>向被叫方显示的名称不能包含引号、&lt; 或 &gt;。</translation>
    </message>
    <message>
        <source>Call settings saved. They apply from the next call.</source>
        <translation>通话设置已保存，从下一通电话起生效。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CallSettingsPanel</name>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>&amp;Place calls with:</source>
        <translation>拨打方式(&amp;P)：</translation>
    </message>
    <message>
        <source>The computer&apos;s softphone (tel: links)</source>
        <translation>本机软电话（tel: 链接）</translation>
    </message>
    <message>
        <source>The computer&apos;s softphone (sip: links)</source>
        <translation>本机软电话（sip: 链接）</translation>
    </message>
    <message>
        <source>The computer&apos;s softphone (callto: links)</source>
        <translation>本机软电话（callto: 链接）</translation>
    </message>
    <message>
        <source>Fieldline&apos;s own phone, with the SIP account below</source>
        <translation>Fieldline 内置电话，使用下方的 SIP 账号</translation>
    </message>
    <message>
        <source>SIP &amp;user:</source>
        <translation>SIP 用户(&amp;U)：</translation>
    </message>
    <message>
        <source>SIP &amp;server:</source>
        <translation>SIP 服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>pbx.example.com or pbx.example.com:5060</source>
        <translation>pbx.example.com 或 pbx.example.com:5060</translation>
    </message>
    <message>
        <source>SIP pass&amp;word:</source>
        <translation>SIP 密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Name shown to callees:</source>
        <translation>向被叫方显示的名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;gister with the SIP server (a PBX)</source>
        <translation>在 SIP 服务器（PBX）上注册(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Save call settings</source>
        <translation>保存通话设置(&amp;S)</translation>
    </message>
    <message>
        <source>Place calls with</source>
        <translation>拨打方式</translation>
    </message>
    <message>
        <source>SIP password</source>
        <translation>SIP 密码</translation>
    </message>
    <message>
        <source>SIP user</source>
        <translation>SIP 用户</translation>
    </message>
    <message>
        <source>SIP server</source>
        <translation>SIP 服务器</translation>
    </message>
    <message>
        <source>Name shown to callees</source>
        <translation>向被叫方显示的名称</translation>
    </message>
    <message>
        <source>Register with the SIP server</source>
        <translation>在 SIP 服务器上注册</translation>
    </message>
    <message>
        <source>Save call settings</source>
        <translation>保存通话设置</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CallsChart</name>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Calls per hour today</source>
        <translation>今日每小时通话数</translation>
    </message>
    <message>
        <source>Calls per hour today, from midnight (left) to 23:00 (right)</source>
        <translation>今日每小时通话数，从零点（左）到 23:00（右）</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CampaignSetupController</name>
    <message>
        <source>Campaign %1 is saved; it reaches the agents with the next sync.</source>
        <translation>活动 %1 已保存；下次同步时会发送给坐席。</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) added.</source>
        <translation>
            <numerusform>已添加 %n 位联系人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) added; %1 left out: neither their time zone nor their number&apos;s region is known, so calling hours cannot be applied.</source>
        <translation>
            <numerusform>已添加 %n 位联系人；%1 位未添加：既不知道其时区，也不知道其号码所属地区，因此无法应用呼叫时段。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) whose contact moved are now called in their new time zone.</source>
        <translation>
            <numerusform>%n 位联系人已迁移的成员现按其新时区呼叫。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Take a list out of the campaign</source>
        <translation>从活动中移出名单</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::CampaignSetupWorkspace</name>
    <message>
        <source>Campaign set-up</source>
        <translation>活动设置</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>新活动</translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation>活动(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Calls from (their time):</source>
        <translation>呼叫开始（对方时间）：</translation>
    </message>
    <message>
        <source>Calls until:</source>
        <translation>呼叫结束：</translation>
    </message>
    <message>
        <source>&amp;Attempts at most:</source>
        <translation>最多尝试次数(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Retry after (minutes):</source>
        <translation>重拨间隔（分钟）(&amp;R)：</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Scr&amp;ipt:</source>
        <translation>话术(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Dispositions (JSON):</source>
        <translation>处理结果（JSON）(&amp;D)：</translation>
    </message>
    <message>
        <source>Add contacts &amp;for (agent, empty: the pool):</source>
        <translation>联系人分配给(&amp;F)（坐席，留空：公共池）：</translation>
    </message>
    <message>
        <source>Preview: the agent dials</source>
        <translation>预览：由坐席拨号</translation>
    </message>
    <message>
        <source>Progressive: dialled after a countdown</source>
        <translation>渐进：倒计时后自动拨号</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>60,240: after the 1st attempt, after the 2nd and later</source>
        <translation>60,240：第 1 次尝试后、第 2 次及以后</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <source>Add every contact not in it &amp;yet</source>
        <translation>添加尚未加入的所有联系人(&amp;Y)</translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation>保存活动</translation>
    </message>
    <message>
        <source>All territories</source>
        <translation>所有区域</translation>
    </message>
    <message>
        <source>&amp;Limit to territory:</source>
        <translation>仅限区域(&amp;L)：</translation>
    </message>
    <message>
        <source>Add every contact not in the campaign yet, of the territory chosen</source>
        <translation>添加所选区域中尚未加入该活动的所有联系人</translation>
    </message>
    <message>
        <source>Im&amp;port a list...</source>
        <translation>导入名单(&amp;P)...</translation>
    </message>
    <message>
        <source>Import a list of people to call from a CSV file into the campaign</source>
        <translation>从 CSV 文件将待呼叫人员名单导入该活动</translation>
    </message>
    <message>
        <source>Take a list &amp;out...</source>
        <translation>移出名单(&amp;O)...</translation>
    </message>
    <message>
        <source>Take the people of a CSV file out of the campaign; their callbacks still due are cancelled</source>
        <translation>将 CSV 文件中的人员移出该活动；其尚未到期的回拨将被取消</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::ChangePassphraseDialog</name>
    <message>
        <source>The current passphrase is not correct. Nothing was changed.</source>
        <translation>当前密码不正确，没有任何更改。</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>The profile keeps its data; only the passphrase that unlocks it changes.</source>
        <translation>资料库中的数据保持不变，只更改用于解锁它的密码。</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>当前密码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new passphrase:</source>
        <translation>再次输入新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>更改密码(&amp;C)</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new passphrase</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Changing the passphrase</source>
        <translation>正在更改密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::DamagedView</name>
    <message>
        <source>Your profile cannot be opened</source>
        <translation>无法打开您的资料库</translation>
    </message>
    <message>
        <source>The profile in %1 is damaged, or something changed its files outside Fieldline. Fieldline has not changed, replaced or deleted anything.</source>
        <translation>%1 中的资料库已损坏，或者其文件在 Fieldline 之外被改动过。Fieldline 没有更改、替换或删除任何内容。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <source>You can set the damaged files aside and start again with a new, empty profile. Fieldline will move them into a new folder named &quot;damaged-&quot; followed by the date and time, in %1. Keep that folder: a backup or your support team may be able to recover it.</source>
        <translation>您可以把损坏的文件移到一旁，然后用一个新的空资料库重新开始。Fieldline 会把它们移到 %1 中一个新建的文件夹里，文件夹名称为“damaged-”加上日期和时间。请保留该文件夹：借助备份或技术支持团队，也许可以恢复其中的数据。</translation>
    </message>
    <message>
        <source>&amp;Set the damaged files aside and create a new profile</source>
        <translation>将损坏的文件移到一旁并创建新资料库(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Set the damaged files aside and create a new profile</source>
        <translation>将损坏的文件移到一旁并创建新资料库</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::DesignerController</name>
    <message>
        <source>Sign in first: forms are published to the server.</source>
        <translation>请先登录：表单需要发布到服务器。</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新表单</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>分节</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>新字段</translation>
    </message>
    <message>
        <source>A field goes into a section, and only into a repeat group when it is not a group itself; the move was undone.</source>
        <translation>字段只能放在分节中；只有非重复组的字段才能放进重复组。已撤销此次移动。</translation>
    </message>
    <message>
        <source>Another field already has the id %1, or it is empty; the id stays %2.</source>
        <translation>已有其他字段使用标识 %1，或标识为空；标识保持为 %2。</translation>
    </message>
    <message>
        <source>The layout has problems (listed under the preview); fix them, then publish.</source>
        <translation>布局有问题（列在预览下方）；请修正后再发布。</translation>
    </message>
    <message>
        <source>Publishing version %1 of %2...</source>
        <translation>正在发布 %2 的第 %1 版...</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1（第 %2 版）</translation>
    </message>
    <message>
        <source>Visible if</source>
        <translation>显示条件</translation>
    </message>
    <message>
        <source>Required if</source>
        <translation>必填条件</translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>Computed value</source>
        <translation>计算值</translation>
    </message>
    <message>
        <source>%1, at character %2: %3</source>
        <translation>%1，第 %2 个字符处：%3</translation>
    </message>
    <message>
        <source>Only an empty section can be removed: move or remove its fields first.</source>
        <translation>只能删除空的分节：请先移走或删除其中的字段。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::DesignerWorkspace</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Multiline text</source>
        <translation>多行文本</translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Decimal number</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Checkbox</source>
        <translation>复选框</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Repeat group</source>
        <translation>重复组</translation>
    </message>
    <message>
        <source>Form designer</source>
        <translation>表单设计器</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Label (Chinese)</source>
        <translation>标签（中文）</translation>
    </message>
    <message>
        <source>Visible if</source>
        <translation>显示条件</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Preview in</source>
        <translation>预览语言</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Check the layout and publish it as a new version (Ctrl+Shift+P)</source>
        <translation>检查布局并作为新版本发布（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Field types: Enter adds one after the current field</source>
        <translation>字段类型：按 Enter 在当前字段后添加</translation>
    </message>
    <message>
        <source>Structure: Alt+Up and Alt+Down move a field, Delete removes it</source>
        <translation>结构：Alt+上/下 移动字段，Delete 删除字段</translation>
    </message>
    <message>
        <source>an expression, such as outcome = &apos;order&apos;</source>
        <translation>表达式，例如 outcome = &apos;order&apos;</translation>
    </message>
    <message>
        <source>A new form</source>
        <translation>新表单</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Required if</source>
        <translation>必填条件</translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>Computed value</source>
        <translation>计算值</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Add section</source>
        <translation>添加分节</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Hint (Chinese)</source>
        <translation>提示（中文）</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Pattern message</source>
        <translation>格式说明</translation>
    </message>
    <message>
        <source>Constraint message</source>
        <translation>约束说明</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>分节</translation>
    </message>
    <message>
        <source>value=Label|中文; value=Label</source>
        <translation>值=英文标签|中文标签; 值=标签</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::DialPad</name>
    <message>
        <source>Keypad: tones to the other side</source>
        <translation>拨号键盘：向对方发送按键音</translation>
    </message>
    <message>
        <source>Tone %1</source>
        <translation>按键音 %1</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::DraftSaver</name>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>无法保存草稿：%1</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::FirstRunView</name>
    <message>
        <source>Create your encrypted profile</source>
        <translation>创建加密资料库</translation>
    </message>
    <message>
        <source>Fieldline keeps your customers, calls and orders in an encrypted profile on this computer. Choose a passphrase to protect it; you will type it when you start Fieldline.</source>
        <translation>Fieldline 将您的客户、通话和订单保存在这台电脑上的加密资料库中。请设置一个密码来保护它，以后每次启动 Fieldline 时都需要输入。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>Re&amp;member on this computer</source>
        <translation>在此电脑上记住(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the key in this computer&apos;s keychain, so Fieldline opens without asking for the passphrase while you are logged in.</source>
        <translation>将密钥保存在这台电脑的密钥环中，这样在您登录期间，Fieldline 打开时不再询问密码。</translation>
    </message>
    <message>
        <source>Creating your encrypted profile. This takes a moment.</source>
        <translation>正在创建加密资料库，请稍候。</translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation>创建资料库(&amp;C)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>在此电脑上记住</translation>
    </message>
    <message>
        <source>Create profile</source>
        <translation>创建资料库</translation>
    </message>
    <message>
        <source>Creating the profile</source>
        <translation>正在创建资料库</translation>
    </message>
    <message>
        <source>Passphrase advice</source>
        <translation>密码建议</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::FormView</name>
    <message>
        <source>Add a row to %1</source>
        <translation>向“%1”添加一行</translation>
    </message>
    <message>
        <source>Remove row %1</source>
        <translation>删除第 %1 行</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::FormsController</name>
    <message>
        <source>The forms cannot be listed: %1</source>
        <translation>无法列出表单：%1</translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation>已退回：%1</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>The form cannot be started: %1</source>
        <translation>无法开始填写表单：%1</translation>
    </message>
    <message>
        <source>This version of the form cannot be shown: %1</source>
        <translation>无法显示此版本的表单：%1</translation>
    </message>
    <message>
        <source>The server returned this form: %1</source>
        <translation>服务器退回了此表单：%1</translation>
    </message>
    <message>
        <source>Some stored values do not fit this form and are kept as they were.</source>
        <translation>部分已存储的值与此表单不符，已原样保留。</translation>
    </message>
    <message>
        <source>Some fields need attention; the first one has the focus.</source>
        <translation>有些字段需要处理；光标已在第一个字段上。</translation>
    </message>
    <message>
        <source>The form could not be finalised: %1</source>
        <translation>无法提交表单：%1</translation>
    </message>
    <message>
        <source>The form was finalised; it is sent with the next sync.</source>
        <translation>表单已提交，将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Sign in first, so that the form is yours and reaches the server.</source>
        <translation>请先登录，这样表单才归属于您并能发送到服务器。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::FormsWorkspace</name>
    <message>
        <source>Forms</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Start a form</source>
        <translation>填写新表单</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No drafts</source>
        <translation>没有草稿</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Forms and drafts</source>
        <translation>表单和草稿</translation>
    </message>
    <message>
        <source>Choose a form to start or a draft to finish, then press Enter.
Ctrl+Enter finalises the open form; Escape comes back to this list.</source>
        <translation>选择要填写的表单或要完成的草稿，然后按 Enter。
Ctrl+Enter 提交打开的表单；Esc 返回此列表。</translation>
    </message>
    <message>
        <source>Fi&amp;nalise</source>
        <translation>提交(&amp;N)</translation>
    </message>
    <message>
        <source>Check every field and send the form (Ctrl+Enter)</source>
        <translation>检查所有字段并发送表单（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::GateWindow</name>
    <message>
        <source>Create your profile - Fieldline</source>
        <translation>创建资料库 - Fieldline</translation>
    </message>
    <message>
        <source>Unlock - Fieldline</source>
        <translation>解锁 - Fieldline</translation>
    </message>
    <message>
        <source>Profile damaged - Fieldline</source>
        <translation>资料库已损坏 - Fieldline</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::LineControl</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>YYYY-MM-DDTHH:MM+08:00</source>
        <translation>YYYY-MM-DDTHH:MM+08:00</translation>
    </message>
    <message>
        <source>Scan or type the code</source>
        <translation>扫描或输入编码</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::ListFlow</name>
    <message>
        <source>Reading and checking %1...</source>
        <translation>正在读取并检查 %1……</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB; split it into smaller files.</source>
        <translation>%1 大于 %2 MB；请拆分为较小的文件。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The profile was locked after %1 of the %2 people of %3; use the file again for the rest.</source>
        <translation>处理 %3 的 %2 人中的 %1 人后配置文件已锁定；请再次使用该文件处理其余人员。</translation>
    </message>
    <message>
        <source>%1 of the people of %2 were dealt with, then: %3. Use the file again for the rest.</source>
        <translation>已处理 %2 中的 %1 人，随后出错：%3。请再次使用该文件处理其余人员。</translation>
    </message>
    <message>
        <source>Adding the people of %1: %2 of %3...</source>
        <translation>正在添加 %1 中的人员：%2 / %3……</translation>
    </message>
    <message>
        <source>Taking the people of %1 out: %2 of %3...</source>
        <translation>正在移出 %1 中的人员：%2 / %3……</translation>
    </message>
    <message>
        <source>Nothing was imported from %1:</source>
        <translation>未从 %1 导入任何内容：</translation>
    </message>
    <message>
        <source>Nobody was taken out with %1:</source>
        <translation>未按 %1 移出任何人：</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more.</source>
        <translation>
            <numerusform>……还有 %n 处。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) taken out of the campaign; not in it: %1; numbers nobody has: %2; callbacks cancelled: %3.</source>
        <translation>
            <numerusform>已将 %n 人移出活动；不在活动中：%1；无人使用的号码：%2；已取消的回拨：%3。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) added from the list; new contacts: %1; already in the campaign: %2.</source>
        <translation>
            <numerusform>已从名单添加 %n 人；新建联系人：%1；已在活动中：%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: neither their time zone nor their number&apos;s region is known.</source>
        <translation>
            <numerusform>%n 人未添加：其时区和号码所属地区均未知。</numerusform>
        </translation>
    </message>
    <message>
        <source>Another list is being read or used; take the next one when it is done.</source>
        <translation>另一个名单正在读取或使用中；完成后再处理下一个。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::LoginDialog</name>
    <message>
        <source>Sign in to your organisation</source>
        <translation>登录到您的组织</translation>
    </message>
    <message>
        <source>Fieldline keeps working without a connection. Sign in once so your work is shared with your team whenever this computer is online.</source>
        <translation>没有网络连接时 Fieldline 照常工作。登录一次后，只要这台电脑在线，您的工作就会与团队共享。</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>https://fieldline.example.com</source>
        <translation>https://fieldline.example.com</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in again to keep sharing your work with your team. This profile belongs to the account below; to work for another organisation or as another user, start Fieldline with another profile folder (--profile).</source>
        <translation>请重新登录，以便继续与团队共享您的工作。此资料库属于下方的账户；如需为其他组织工作或以其他用户身份登录，请使用另一个资料库文件夹启动 Fieldline（--profile）。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::MainWindow</name>
    <message>
        <source>Fieldline</source>
        <translation>Fieldline</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Close the profile and wipe its keys from memory until you unlock it again.</source>
        <translation>关闭资料库并从内存中清除其密钥，直到您再次解锁。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Fieldline</source>
        <translation>关于 Fieldline(&amp;A)</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Current workspace</source>
        <translation>当前工作区</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>更多菜单</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::MessageBanner</name>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>错误消息</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::OutcomeForm</name>
    <message>
        <source>The outcome form %1 cannot be shown: %2</source>
        <translation>无法显示结果表单 %1：%2</translation>
    </message>
    <message>
        <source>The outcome form %1 has not reached this computer yet; sync, then pick the disposition again.</source>
        <translation>结果表单 %1 尚未同步到本机；请同步后重新选择处理结果。</translation>
    </message>
    <message>
        <source>&amp;Record outcome (Ctrl+Enter)</source>
        <translation>记录结果(&amp;R)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Some fields need attention; the first one has the focus.</source>
        <translation>有些字段需要处理；光标已在第一个字段。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::OverviewWorkspace</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>您的资料库</translation>
    </message>
    <message>
        <source>Everything Fieldline stores on this computer is in this encrypted profile. It is open now; lock it with Ctrl+L when you step away.</source>
        <translation>Fieldline 在这台电脑上保存的所有内容都在这个加密资料库中。它现在处于打开状态；离开时请按 Ctrl+L 锁定。</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>占用空间：</translation>
    </message>
    <message>
        <source>Unlocked at:</source>
        <translation>解锁时间：</translation>
    </message>
    <message>
        <source>Remembered on this computer:</source>
        <translation>在此电脑上记住：</translation>
    </message>
    <message>
        <source>Yes, the keychain of this computer can unlock it</source>
        <translation>是，这台电脑的密钥环可以解锁它</translation>
    </message>
    <message>
        <source>No, the passphrase is needed to unlock it</source>
        <translation>否，需要输入密码才能解锁</translation>
    </message>
    <message>
        <source>Protection:</source>
        <translation>保护方式：</translation>
    </message>
    <message>
        <source>Every page is encrypted with XChaCha20-Poly1305. The key is protected by your passphrase through Argon2id and is wiped from memory when the profile locks.</source>
        <translation>每一页数据都使用 XChaCha20-Poly1305 加密。密钥通过 Argon2id 由您的密码保护，并在资料库锁定时从内存中清除。</translation>
    </message>
    <message>
        <source>Telemarketing, visits, orders and administration will appear in the list on the left.</source>
        <translation>电话营销、拜访、订单和管理功能将显示在左侧列表中。</translation>
    </message>
    <message>
        <source>Profile folder</source>
        <translation>资料库文件夹</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>占用空间</translation>
    </message>
    <message>
        <source>Unlocked at</source>
        <translation>解锁时间</translation>
    </message>
    <message>
        <source>Remembered on this computer</source>
        <translation>在此电脑上记住</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::PhotoControl</name>
    <message>
        <source>Add photos...</source>
        <translation>添加照片...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.gif)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Not on this device yet</source>
        <translation>尚未同步到此设备</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::ProgressWorkspace</name>
    <message>
        <source>Campaign progress</source>
        <translation>活动进度</translation>
    </message>
    <message>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>not active</source>
        <translation>未进行</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 / %2（%3%）</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Agents today</source>
        <translation>今日坐席</translation>
    </message>
    <message>
        <source>As of %1, from the rows this computer has received. Calls, reached and conversions are today&apos;s.</source>
        <translation>截至 %1，基于本机已收到的数据。通话、接通和转化为今日数据。</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation>转化</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>通话时长</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::SettingsController</name>
    <message>
        <source>This language could not be loaded. Fieldline keeps the current one.</source>
        <translation>无法加载该语言，Fieldline 将继续使用当前语言。</translation>
    </message>
    <message>
        <source>Your passphrase was changed. Use the new one from now on.</source>
        <translation>密码已更改。从现在起请使用新密码。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::SettingsDialog</name>
    <message>
        <source>Fieldline never locks the profile by itself. Lock it with Ctrl+L when you leave.</source>
        <translation>Fieldline 不会自动锁定资料库。离开时请按 Ctrl+L 锁定。</translation>
    </message>
    <message numerus="yes">
        <source>After %n minute(s) without keyboard or mouse input, Fieldline locks the profile.</source>
        <translation>
            <numerusform>键盘和鼠标无操作 %n 分钟后，Fieldline 将锁定资料库。</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Lock when &amp;idle for:</source>
        <translation>空闲多久后锁定(&amp;I)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Re&amp;member on this computer</source>
        <translation>在此电脑上记住(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the key in this computer&apos;s keychain, so Fieldline opens without asking for the passphrase while you are logged in.</source>
        <translation>将密钥保存在这台电脑的密钥环中，这样在您登录期间，Fieldline 打开时不再询问密码。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Minutes idle before locking</source>
        <translation>锁定前的空闲分钟数</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>在此电脑上记住</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>C&amp;hange passphrase…</source>
        <translation>更改密码(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::Shell</name>
    <message>
        <source>Your passphrase was changed.</source>
        <translation>密码已更改。</translation>
    </message>
    <message>
        <source>The damaged files were moved to %1. Choose a passphrase to create a new profile.</source>
        <translation>损坏的文件已移到 %1。请设置密码以创建新资料库。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::SignatureControl</name>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <source>This signature cannot be shown; it is kept as it is until someone signs again.</source>
        <translation>无法显示此签名；在重新签名之前将原样保留。</translation>
    </message>
    <message>
        <source>The picture of the signature could not be kept (%1); the strokes are.</source>
        <translation>无法保存签名图片（%1）；笔迹已保存。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::StrengthMeter</name>
    <message>
        <source>Very weak</source>
        <translation>非常弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>非常强</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>密码强度</translation>
    </message>
    <message>
        <source>No passphrase entered yet</source>
        <translation>尚未输入密码</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::SyncController</name>
    <message>
        <source>Use an https:// address. Plain http:// works only for a server on this computer.</source>
        <translation>请使用 https:// 地址。只有服务器在这台电脑上时才能使用普通的 http://。</translation>
    </message>
    <message>
        <source>The organisation, user name or password is not correct.</source>
        <translation>组织、用户名或密码不正确。</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>尝试次数过多。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server could not be reached (%1). Check the address and the network, then try again.</source>
        <translation>无法连接到服务器（%1）。请检查地址和网络，然后重试。</translation>
    </message>
    <message>
        <source>The server could not sign you in (%1).</source>
        <translation>服务器无法为您登录（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>Not signed in: %n change(s) are kept on this computer.</source>
        <translation>
            <numerusform>未登录：%n 项更改保存在这台电脑上。</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Waiting for the first sync.</source>
        <translation>正在等待首次同步。</translation>
    </message>
    <message numerus="yes">
        <source>Synced at %1; %n change(s) waiting.</source>
        <translation>
            <numerusform>已于 %1 同步；%n 项更改等待发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Online. Synced at %1.</source>
        <translation>在线。已于 %1 同步。</translation>
    </message>
    <message>
        <source>Online. Synced at %1. Some of your team&apos;s data comes from a newer Fieldline; update to see all of it.</source>
        <translation>在线。已于 %1 同步。团队的部分数据来自更新版本的 Fieldline；请更新以查看全部内容。</translation>
    </message>
    <message>
        <source>The server asks you to sign in again.</source>
        <translation>服务器要求您重新登录。</translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n change(s) are kept on this computer and will be sent later.</source>
        <translation>
            <numerusform>离线：%n 项更改保存在这台电脑上，稍后发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server is busy; sync resumes in %n second(s).</source>
        <translation>
            <numerusform>服务器繁忙；%n 秒后继续同步。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused this device. Sign in again.</source>
        <translation>服务器拒绝了这台设备。请重新登录。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 behind. Set the correct time to receive changes.</source>
        <translation>这台电脑的时钟慢了 %1。请设置正确的时间以接收更改。</translation>
    </message>
    <message>
        <source>Synced at %1, but the server refused some changes: %2</source>
        <translation>已于 %1 同步，但服务器拒绝了部分更改：%2</translation>
    </message>
    <message>
        <source>The server had a problem; sync will try again shortly.</source>
        <translation>服务器出现问题；稍后将重新同步。</translation>
    </message>
    <message>
        <source>Sync paused: this computer&apos;s profile could not be written (%1). Sync will try again shortly.</source>
        <translation>同步已暂停：无法写入这台电脑上的资料库（%1）。稍后会自动重试同步。</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Send this computer&apos;s changes and receive your team&apos;s now.</source>
        <translation>立即发送这台电脑上的更改并接收团队的更改。</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <source>Connect this profile to your organisation&apos;s server.</source>
        <translation>将此资料库连接到您组织的服务器。</translation>
    </message>
    <message>
        <source>Not signed in. Sign in to share your work with your team.</source>
        <translation>未登录。登录后即可与团队共享您的工作。</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is %1 ahead of the server&apos;s. %n change(s) are kept and will be sent once the server&apos;s time catches up; check the date and time.</source>
        <translation>
            <numerusform>此电脑的时钟比服务器快 %1。%n 项更改已保存在本机，待服务器时间赶上后发送；请检查日期和时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>This profile belongs to another server, organisation or user. To sign in there, start Fieldline with another profile folder (--profile).</source>
        <translation>此资料库属于另一台服务器、另一个组织或另一位用户。如需登录那里，请使用另一个资料库文件夹启动 Fieldline（--profile）。</translation>
    </message>
    <message>
        <source>%1 Last synced %2.</source>
        <translation>%1 上次同步：%2。</translation>
    </message>
    <message>
        <source>missing on this computer</source>
        <translation>不在这台电脑上</translation>
    </message>
    <message>
        <source>damaged on this computer</source>
        <translation>在这台电脑上已损坏</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Synced at %1. %2</source>
        <translation>已于 %1 同步。%2</translation>
    </message>
    <message>
        <source>Synced at %1, but the server refused some changes: %2. %3</source>
        <translation>已于 %1 同步，但服务器拒绝了部分更改：%2。%3</translation>
    </message>
    <message>
        <source>for more than one reason; the latest: %1</source>
        <translation>原因不止一个；最近一个：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s) could not be uploaded (%1). They are tried again every %2 minutes; the rest of your work is sent.</source>
        <translation>
            <numerusform>有 %n 个附件无法上传（%1）。每 %2 分钟会重试一次；您的其他工作已发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>the server did not accept it</source>
        <translation>服务器未接受</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::SyncStatusWidget</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send and receive changes now (F5)</source>
        <translation>立即发送和接收更改 (F5)</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Sign in to your organisation</source>
        <translation>登录到您的组织</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::UnlockController</name>
    <message>
        <source>Unlocking with this computer&apos;s keychain.</source>
        <translation>正在使用这台电脑的密钥环解锁。</translation>
    </message>
    <message>
        <source>Fieldline could not unlock with this computer&apos;s keychain. Enter your passphrase instead.</source>
        <translation>Fieldline 无法使用这台电脑的密钥环解锁，请输入密码。</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Unlocking. This takes a moment.</source>
        <translation>正在解锁，请稍候。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::UnlockView</name>
    <message>
        <source>Unlock your profile</source>
        <translation>解锁资料库</translation>
    </message>
    <message>
        <source>Your profile is encrypted. Enter your passphrase to open it.</source>
        <translation>您的资料库已加密。请输入密码打开它。</translation>
    </message>
    <message>
        <source>Profile folder: %1</source>
        <translation>资料库文件夹：%1</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;member on this computer</source>
        <translation>在此电脑上记住(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the key in this computer&apos;s keychain, so Fieldline opens without asking for the passphrase while you are logged in.</source>
        <translation>将密钥保存在这台电脑的密钥环中，这样在您登录期间，Fieldline 打开时不再询问密码。</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>在此电脑上记住</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Unlocking the profile</source>
        <translation>正在解锁资料库</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::UnsupportedControl</name>
    <message>
        <source>This version of Fieldline cannot edit a field of type &apos;%1&apos;; its value is kept as it is.</source>
        <translation>此版本的 Fieldline 无法编辑“%1”类型的字段；其值将原样保留。</translation>
    </message>
</context>
<context>
    <name>fieldline::ui::WorkspaceListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
</TS>

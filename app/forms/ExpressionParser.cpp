#include "Expression.h"
#include "ExpressionFunctions.h"
#include "ExpressionLexer.h"

#include <algorithm>

namespace fieldline::forms {

namespace {

/**
 * Recursive descent, one function per precedence level (lowest first):
 *   or < and < not < comparison (not chained) < + - < * / % < unary - < call, name, literal, ( ).
 * Every level that can nest counts depth, so no input drives the recursion past Expression::MaxDepth.
 */
class Parser
{
    Q_DECLARE_TR_FUNCTIONS(fieldline::forms::Expression)

public:
    explicit Parser(QStringView source)
        : m_lexer(source)
    {}

    std::optional<ExpressionNode> parseAll()
    {
        if (!advance())
            return std::nullopt;
        auto root = orLevel();
        if (!root)
            return std::nullopt;
        if (m_token.kind != Token::Kind::End)
            return fail(m_token.position, tr("Unexpected '%1' after a complete expression.").arg(m_token.text));
        return root;
    }

    ExpressionError error;

private:
    using Node = std::optional<ExpressionNode>;

    bool advance()
    {
        auto next = m_lexer.next(error);
        if (!next)
            return false;
        m_token = std::move(*next);
        return true;
    }
    bool isSymbol(const char *symbol) const
    {
        return m_token.kind == Token::Kind::Symbol && m_token.text == QLatin1String(symbol);
    }
    bool isKeyword(const char *keyword) const
    {
        return m_token.kind == Token::Kind::Keyword && m_token.text == QLatin1String(keyword);
    }
    std::nullopt_t fail(int position, const QString &message)
    {
        error = {position, message};
        return std::nullopt;
    }

    /** Counts one level of nesting for the life of a scope. */
    struct Nesting
    {
        explicit Nesting(int &depth)
            : m_depth(++depth)
            , m_counter(depth)
        {}
        ~Nesting() { --m_counter; }
        bool tooDeep() const { return m_depth > Expression::MaxDepth; }
        int m_depth;
        int &m_counter;
    };

    static ExpressionNode binary(Operator op, int position, ExpressionNode left, ExpressionNode right)
    {
        ExpressionNode node{ExpressionNode::Kind::Binary, position, {}, {}, op, {}};
        node.args.push_back(std::move(left));
        node.args.push_back(std::move(right));
        return node;
    }

    Node orLevel()
    {
        const Nesting nesting(m_depth);
        if (nesting.tooDeep())
            return nestedTooDeep();
        return leftAssociative({{"or", Operator::Or}}, &Parser::andLevel);
    }
    Node andLevel() { return leftAssociative({{"and", Operator::And}}, &Parser::notLevel); }

    Node notLevel() { return isKeyword("not") ? prefixed(Operator::Not, &Parser::notLevel) : comparison(); }

    /** A prefix operator and what follows it at the same level ("not not x", "- -2"). */
    Node prefixed(Operator op, Node (Parser::*operand)())
    {
        const Nesting nesting(m_depth);
        if (nesting.tooDeep())
            return nestedTooDeep();
        const int position = m_token.position;
        if (!advance())
            return std::nullopt;
        Node inner = (this->*operand)();
        if (!inner)
            return std::nullopt;
        ExpressionNode node{ExpressionNode::Kind::Unary, position, {}, {}, op, {}};
        node.args.push_back(std::move(*inner));
        return node;
    }

    Node nestedTooDeep()
    {
        return fail(m_token.position,
                    tr("The expression is nested more than %1 levels deep.").arg(Expression::MaxDepth));
    }

    std::optional<Operator> comparisonOperator() const
    {
        static const std::pair<const char *, Operator> table[] = {
            {"=", Operator::Equal},        {"!=", Operator::NotEqual}, {"<", Operator::Less},
            {"<=", Operator::LessOrEqual}, {">", Operator::Greater},   {">=", Operator::GreaterOrEqual}};
        for (const auto &[symbol, op] : table) {
            if (isSymbol(symbol))
                return op;
        }
        return std::nullopt;
    }

    Node comparison()
    {
        Node left = additive();
        const std::optional<Operator> op = left ? comparisonOperator() : std::nullopt;
        if (!op)
            return left;
        const int position = m_token.position;
        if (!advance())
            return std::nullopt;
        Node right = additive();
        if (!right)
            return std::nullopt;
        if (comparisonOperator())
            return fail(m_token.position, tr("Comparisons cannot be chained; join them with 'and'."));
        return binary(*op, position, std::move(*left), std::move(*right));
    }

    Node additive()
    {
        return leftAssociative({{"+", Operator::Add}, {"-", Operator::Subtract}}, &Parser::multiplicative);
    }
    Node multiplicative()
    {
        return leftAssociative({{"*", Operator::Multiply}, {"/", Operator::Divide}, {"%", Operator::Remainder}},
                               &Parser::unary);
    }

    /** Operands joined by operators of one level, grouped from the left ("10 - 4 - 3" is 3). */
    Node leftAssociative(std::initializer_list<std::pair<const char *, Operator>> operators, Node (Parser::*operand)())
    {
        Node left = (this->*operand)();
        while (left) {
            const auto found = std::find_if(operators.begin(), operators.end(), [this](const auto &entry) {
                return isSymbol(entry.first) || isKeyword(entry.first);
            });
            if (found == operators.end())
                break;
            const int position = m_token.position;
            if (!advance())
                return std::nullopt;
            Node right = (this->*operand)();
            if (!right)
                return std::nullopt;
            left = binary(found->second, position, std::move(*left), std::move(*right));
        }
        return left;
    }

    Node unary() { return isSymbol("-") ? prefixed(Operator::Negate, &Parser::unary) : primary(); }

    Node primary()
    {
        const Token token = m_token;
        switch (token.kind) {
        case Token::Kind::Number:
            if (!advance())
                return std::nullopt;
            return ExpressionNode{ExpressionNode::Kind::Literal,
                                  token.position,
                                  FormValue::number(*Decimal::parse(token.text)),
                                  {},
                                  Operator::Add,
                                  {}};
        case Token::Kind::Text:
            if (!advance())
                return std::nullopt;
            return ExpressionNode{
                ExpressionNode::Kind::Literal, token.position, FormValue::text(token.text), {}, Operator::Add, {}};
        case Token::Kind::Keyword:
            if (token.text == QLatin1String("true") || token.text == QLatin1String("false") ||
                token.text == QLatin1String("null")) {
                if (!advance())
                    return std::nullopt;
                const FormValue value = token.text == QLatin1String("null")
                                            ? FormValue()
                                            : FormValue::boolean(token.text == QLatin1String("true"));
                return ExpressionNode{ExpressionNode::Kind::Literal, token.position, value, {}, Operator::Add, {}};
            }
            break;
        case Token::Kind::Name:
            if (!advance())
                return std::nullopt;
            if (isSymbol("("))
                return call(token);
            return ExpressionNode{ExpressionNode::Kind::Field, token.position, {}, token.text, Operator::Add, {}};
        case Token::Kind::Symbol:
            if (token.text == QLatin1String("("))
                return parenthesised();
            break;
        case Token::Kind::End:
            return fail(token.position, tr("The expression ends where a value is expected."));
        }
        return fail(token.position, tr("Expected a value here, found '%1'.").arg(token.text));
    }

    Node parenthesised()
    {
        const int open = m_token.position;
        if (!advance())
            return std::nullopt;
        Node inner = orLevel();
        if (!inner)
            return std::nullopt;
        if (!isSymbol(")"))
            return fail(m_token.position, tr("Expected ')' to close the '(' at position %1.").arg(open));
        if (!advance())
            return std::nullopt;
        return inner;
    }

    Node call(const Token &name)
    {
        const FunctionSpec *spec = findFunction(name.text);
        if (!spec)
            return fail(name.position, tr("There is no function called '%1'.").arg(name.text));
        const int open = m_token.position;
        if (!advance())
            return std::nullopt;
        ExpressionNode node{ExpressionNode::Kind::Call, name.position, {}, name.text, Operator::Add, {}};
        if (!isSymbol(")")) {
            for (;;) {
                Node arg = orLevel();
                if (!arg)
                    return std::nullopt;
                node.args.push_back(std::move(*arg));
                if (!isSymbol(","))
                    break;
                if (!advance())
                    return std::nullopt;
            }
        }
        if (!isSymbol(")"))
            return fail(
                m_token.position,
                tr("Expected ',' or ')' in the call of %1() that opens at position %2.").arg(name.text).arg(open));
        if (!advance())
            return std::nullopt;
        const int count = int(node.args.size());
        if (count < spec->minArgs || count > spec->maxArgs) {
            const QString expected = spec->minArgs == spec->maxArgs
                                         ? QString::number(spec->minArgs)
                                         : tr("%1 to %2").arg(spec->minArgs).arg(spec->maxArgs);
            return fail(name.position, tr("%1() takes %2 arguments, not %3.").arg(name.text, expected).arg(count));
        }
        return node;
    }

    ExpressionLexer m_lexer;
    Token m_token;
    int m_depth = 0;
};

void collectReferences(const ExpressionNode &node, QStringList &into)
{
    if (node.kind == ExpressionNode::Kind::Field && !into.contains(node.name))
        into.append(node.name);
    for (const ExpressionNode &arg : node.args)
        collectReferences(arg, into);
}

} // namespace

std::optional<Expression> Expression::parse(QStringView source, ExpressionError &error)
{
    if (source.size() > MaxLength) {
        error = {MaxLength + 1, tr("The expression is longer than %1 characters.").arg(MaxLength)};
        return std::nullopt;
    }
    Parser parser(source);
    std::optional<ExpressionNode> root = parser.parseAll();
    if (!root) {
        error = parser.error;
        return std::nullopt;
    }
    return Expression(std::move(*root));
}

QStringList Expression::references() const
{
    QStringList paths;
    collectReferences(m_root, paths);
    return paths;
}

QString operatorText(Operator op)
{
    static const char *const texts[] = {"or", "and", "not", "=", "!=", "<", "<=", ">",
                                        ">=", "+",   "-",   "*", "/",  "%", "-"};
    return QString::fromLatin1(texts[int(op)]);
}

} // namespace fieldline::forms

/// A parsed Mustache template: logic-less tags, sections, partials and template inheritance
/// (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`), following the Mustache specification's
/// whitespace rules (a line holding only a section, comment, partial or block tag disappears; so
/// does a line holding only a parent tag and its blocks' tags).
///
/// Not supported, by design, each refused with a positioned error: changing delimiters (`{{=`),
/// dynamic names (`{{>*name}}`); lambdas do not exist (views hand templates finished values).
/// Sections, inverted sections, parents and blocks nest at most ``maximumNesting`` deep.
public struct Template: Sendable {
    /// How deep sections, inverted sections, parents and blocks may nest in one template. Deeper
    /// nesting is a syntax error: it keeps parsing and rendering within a small, fixed stack.
    public static let maximumNesting = 100

    enum Node: Sendable {
        /// Text, and its lines when it holds a line break (used only under a partial's indentation).
        case text(String, lines: [String])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: [Node])
        /// A standalone partial's indentation is prepended to every line of the partial's template.
        case partial(String, indentation: String, at: Position)
        case parent(String, blocks: [String: [Node]], indentation: String, at: Position)
        /// `indentation` is `nil` for a block inside a line; a standalone block's body is stored
        /// without its own common indentation and re-indented with this where it is placed.
        case block(String, body: [Node], indentation: String?)
    }

    /// A name as written in a tag, split at dots (no parts for `{{.}}`), with the tag's position.
    struct Name: Sendable {
        var parts: [String]
        var position: Position
    }

    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    let nodes: [Node]
    /// Partials and parents this template uses, with where (for "does not exist" and cycle errors).
    public let references: [(name: String, line: Int, column: Int)]

    public init(_ source: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(source)
        (nodes, references) = try parser.parse()
    }
}

/// A template that cannot be read, with the 1-based position of the offending tag and a hint
/// saying how to fix it.
public struct TemplateSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
    public var hint: String

    public init(message: String, line: Int, column: Int, hint: String = "") {
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint
    }
}

/// A problem found while linking (``TemplateLibrary/cycles()``) or rendering templates, in the
/// template registered as `template`, at the tag at `line`:`column` (1-based).
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Strict mode: a name found nowhere in the context stack (or a later part of a dotted
        /// name missing from the value before it).
        case unknownName
        /// Strict mode: a partial or parent that is not registered.
        case missingTemplate
        /// Templates that include or inherit from each other in a circle; `chain` names them.
        case cycle(chain: [String])
        /// Partials nested deeper than ``TemplateLibrary/maximumDepth`` while rendering.
        case tooDeep
        /// One rendering took more than ``TemplateLibrary/maximumSteps`` steps or made more than
        /// ``TemplateLibrary/maximumOutputBytes``: blocks that include the page again multiply
        /// without a cycle in the references (each level renders the next twice).
        case tooLarge
    }

    public var kind: Kind
    /// The name the template was registered under.
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String

    public init(_ kind: Kind, template: String, line: Int, column: Int, message: String, hint: String) {
        self.kind = kind
        self.template = template
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(template):\(line):\(column): \(message)" }
}

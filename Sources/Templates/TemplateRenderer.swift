/// Renders nodes into one growing string.
///
/// Under a standalone partial's indentation, the indentation is written at the start of every
/// line of the partial's template text (lazily, when the line gets content, so blank lines stay
/// blank); interpolated values are written as they are, so a multi-line value (a `<pre>` block)
/// is never shifted. Without indentation, text is appended as is: no per-character work.
struct TemplateRenderer {
    let library: TemplateLibrary
    let strict: Bool
    var out = ""
    var errors: [TemplateError] = []
    private var reported: Set<TemplateError> = []
    private var stack: [any TemplateValue]
    /// Block bodies given by the parents being rendered, with the template each was written in.
    private var blocks: [String: Override] = [:]
    /// The name of the template whose nodes are being rendered (for error positions).
    private var template: String
    private var indentation = ""
    /// Only kept up to date while `indentation` is not empty.
    private var atLineStart = false
    private var depth = 0
    /// Nodes visited so far (``TemplateLibrary/maximumSteps``); once over a limit, nothing more is rendered.
    private var steps = 0
    private var stopped = false
    /// The partial or parent tag entered last: where a rendering that grows too large is reported.
    private var lastInclude = (template: "", position: Template.Position(line: 1, column: 1))

    struct Override {
        var template: String
        var body: [Template.Node]
    }

    init(library: TemplateLibrary, template: String, context: any TemplateValue, strict: Bool) {
        self.library = library
        self.template = template
        self.strict = strict
        stack = [context]
        out.reserveCapacity(32 * 1024)
    }

    mutating func render(_ nodes: [Template.Node]) {
        for node in nodes {
            steps += 1
            if stopped || steps > TemplateLibrary.maximumSteps || out.utf8.count > TemplateLibrary.maximumOutputBytes {
                stop()
                return
            }
            switch node {
            case .text(let text, let lines):
                if indentation.isEmpty { out += text } else { writeIndented(text, lines) }
            case .variable(let name, let escaped):
                guard let value = lookup(name, tag: escaped ? "" : "&") else { continue }
                let text = value.text
                if !indentation.isEmpty && atLineStart && !text.isEmpty {
                    out += indentation
                    atLineStart = false
                }
                if escaped { HTML.appendEscaped(text, to: &out) } else { out += text }
            case .section(let name, let inverted, let body):
                let value = lookup(name, tag: inverted ? "^" : "#")
                let section = value?.section ?? .condition(false)
                if inverted {
                    let shown: Bool
                    switch section {
                    case .push: shown = false
                    case .condition(let flag): shown = !flag
                    case .list(let items): shown = items.isEmpty
                    }
                    if shown { render(body) }
                    continue
                }
                switch section {
                case .condition(let flag):
                    if flag { render(body) }
                case .push:
                    stack.append(value!)
                    render(body)
                    stack.removeLast()
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body)
                        stack.removeLast()
                    }
                }
            case .partial(let name, let indentation, let position):
                include(name, indentation: indentation, at: position, overrides: nil)
            case .parent(let name, let overrides, let indentation, let position):
                include(name, indentation: indentation, at: position, overrides: overrides)
            case .block(let name, let body, let indentation):
                let block = blocks[name] ?? Override(template: template, body: body)
                enter(block.template, indentation: indentation ?? "", blocks: blocks, block.body)
            }
        }
    }

    /// Renders a partial, or a parent with the blocks it overrides.
    private mutating func include(_ name: String, indentation: String, at position: Template.Position,
                                  overrides: [String: [Template.Node]]?) {
        lastInclude = (template, position)
        guard let included = library.templates[name] else {
            if strict {
                report(.missingTemplate, at: position, "the template `\(name)` used here does not exist",
                       hint: "create the template `\(name)`, or fix the name.")
            }
            return
        }
        guard depth < TemplateLibrary.maximumDepth else {
            report(.tooDeep, at: position, "templates are nested more than \(TemplateLibrary.maximumDepth) deep here while rendering `\(name)`",
                   hint: "a template cannot use itself, directly or through others; remove the recursion.")
            return
        }
        var merged = blocks
        if let overrides {
            // Blocks given further out win over this template's own (the specification's rule).
            for (block, body) in overrides where merged[block] == nil {
                merged[block] = Override(template: template, body: body)
            }
        }
        depth += 1
        enter(name, indentation: indentation, blocks: merged, included.nodes)
        depth -= 1
    }

    private mutating func enter(_ name: String, indentation extra: String, blocks inner: [String: Override], _ nodes: [Template.Node]) {
        let saved = (template, indentation, blocks)
        template = name
        blocks = inner
        if !extra.isEmpty {
            // A standalone tag: its line was cut out, so what follows starts a line.
            indentation += extra
            atLineStart = true
        }
        render(nodes)
        (template, indentation, blocks) = saved
    }

    private mutating func writeIndented(_ text: String, _ lines: [String]) {
        guard !lines.isEmpty else {
            if atLineStart { out += indentation; atLineStart = false }
            out += text
            return
        }
        for (i, line) in lines.enumerated() {
            if i > 0 {
                out += "\n"
                atLineStart = true
            }
            guard !line.isEmpty else { continue }
            if atLineStart { out += indentation; atLineStart = false }
            out += line
        }
    }

    // MARK: Names

    /// The value a name stands for, from the innermost object that has its first part (no
    /// backtracking for dotted names, as in the specification). In strict mode a miss is reported;
    /// a hit costs nothing more than in non-strict mode.
    private mutating func lookup(_ name: Template.Name, tag sigil: String) -> (any TemplateValue)? {
        guard let first = name.parts.first else { return stack.last }
        var found: (any TemplateValue)?
        for object in stack.reversed() {
            if let value = object.child(named: first) { found = value; break }
        }
        guard var value = found else {
            if strict { unknown(name, sigil: sigil, part: 0) }
            return nil
        }
        for (index, part) in name.parts.enumerated().dropFirst() {
            guard let child = value.child(named: part) else {
                // An absent or false value has no parts to compare with; it renders as nothing.
                if strict, !value.isNothing { unknown(name, sigil: sigil, part: index) }
                return nil
            }
            value = child
        }
        return value
    }

    /// Stops the rendering once it is too large, reported once at the last partial or parent entered.
    private mutating func stop() {
        guard !stopped else { return }
        stopped = true
        let error = TemplateError(.tooLarge, template: lastInclude.template.isEmpty ? template : lastInclude.template,
                                  line: lastInclude.position.line, column: lastInclude.position.column,
                                  message: "rendering grew past \(TemplateLibrary.maximumSteps) steps or \(TemplateLibrary.maximumOutputBytes >> 20) MB here, so it was stopped",
                                  hint: "a block that includes a partial which extends the same parent again renders it twice at every level; make the partial not extend the page's parent.")
        if reported.insert(error).inserted { errors.append(error) }
    }

    private mutating func unknown(_ name: Template.Name, sigil: String, part: Int) {
        let written = "`{{\(sigil)\(name.parts.joined(separator: "."))}}`"
        let message = part == 0
            ? "\(written): there is no value named `\(name.parts[0])` here"
            : "\(written): `\(name.parts[..<part].joined(separator: "."))` has no value named `\(name.parts[part])`"
        report(.unknownName, at: name.position, message,
               hint: "check the spelling against the values this page's view provides; a missing name would render as nothing.")
    }

    private mutating func report(_ kind: TemplateError.Kind, at position: Template.Position, _ message: String, hint: String) {
        let error = TemplateError(kind, template: template, line: position.line, column: position.column, message: message, hint: hint)
        if reported.insert(error).inserted { errors.append(error) }
    }
}

extension TemplateValue {
    /// Absent (`nil`) or `false`: what a section would skip.
    var isNothing: Bool {
        if case .condition(false) = section { return true }
        return false
    }
}

/// A parsed Mustache template: logic-less tags, sections, partials and template inheritance
/// (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`), following the Mustache specification's
/// whitespace rules (a line holding only a section, comment, partial or block tag disappears).
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// A dotted name split into parts; empty for `{{.}}`.
        case variable([String], escaped: Bool)
        case section([String], inverted: Bool, body: [Node])
        case partial(String, indentation: String)
        case parent(String, blocks: [String: [Node]], indentation: String)
        case block(String, body: [Node])
    }

    let nodes: [Node]
    /// Partials and parents this template uses, with where (for "does not exist" errors).
    public let references: [(name: String, line: Int, column: Int)]

    public init(_ source: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(source)
        (nodes, references) = try parser.parse()
    }
}

/// A template that cannot be read, with the 1-based position of the offending tag.
public struct TemplateSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// Turns template text into nodes in two passes: split into text and tags, then apply the
/// standalone-line rule and nest sections.
struct TemplateParser {
    enum TagKind: Equatable { case variable, unescaped, section, inverted, close, comment, partial, parent, block, pragma }

    struct Tag {
        var kind: TagKind
        var name: String
        var line: Int
        var column: Int
        /// Byte offsets of the tag in the source.
        var start: Int
        var end: Int
        /// Standalone: the whitespace before it on its line (kept as a partial's indentation).
        var standalone = false
        var indentation = ""
    }

    enum Piece {
        case text(start: Int, end: Int)
        case tag(Tag)
    }

    let bytes: [UInt8]

    init(_ source: String) { bytes = Array(source.utf8) }

    mutating func parse() throws(TemplateSyntaxError) -> ([Template.Node], [(name: String, line: Int, column: Int)]) {
        var pieces = try scan()
        markStandalone(&pieces)
        var index = 0
        var references: [(name: String, line: Int, column: Int)] = []
        let nodes = try nest(pieces, &index, closing: nil, references: &references)
        return (nodes, references)
    }

    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0..<offset {
            if bytes[i] == 10 { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = position(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }

    /// Text and tags in order.
    private func scan() throws(TemplateSyntaxError) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = 0
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            guard bytes[i] == 0x7B, bytes[i + 1] == 0x7B else { i += 1; continue }  // "{{"
            if i > textStart { pieces.append(.text(start: textStart, end: i)) }
            let tagStart = i
            var j = i + 2
            var kind = TagKind.variable
            var closer: [UInt8] = [0x7D, 0x7D]
            switch j < n ? bytes[j] : 0 {
            case 0x7B: kind = .unescaped; closer = [0x7D, 0x7D, 0x7D]; j += 1       // {{{
            case 0x26: kind = .unescaped; j += 1                                      // {{&
            case 0x23: kind = .section; j += 1                                        // {{#
            case 0x5E: kind = .inverted; j += 1                                       // {{^
            case 0x2F: kind = .close; j += 1                                          // {{/
            case 0x21: kind = .comment; j += 1                                        // {{!
            case 0x3E: kind = .partial; j += 1                                        // {{>
            case 0x3C: kind = .parent; j += 1                                         // {{<
            case 0x24: kind = .block; j += 1                                          // {{$
            case 0x25: kind = .pragma; j += 1                                         // {{%
            case 0x3D: throw error("changing the tag delimiters (`{{=`) is not supported", at: tagStart)
            default: break
            }
            guard let end = find(closer, from: j) else {
                throw error("a tag is not finished (missing `\(String(decoding: closer, as: UTF8.self))`)", at: tagStart)
            }
            let raw = String(decoding: bytes[j..<end], as: UTF8.self)
            let name = raw.trimmingSpaces()
            let (line, column) = position(of: tagStart)
            if kind != .comment && kind != .pragma {
                if name.isEmpty { throw error("a tag has no name", at: tagStart) }
                if name.hasPrefix("*") { throw error("dynamic partials (`{{>*name}}`) are not supported", at: tagStart) }
                if name.contains(where: { $0 == " " || $0 == "(" || $0 == "{" || $0 == "}" }) {
                    throw error("the name `\(name)` in a tag is not valid (no spaces, brackets or transforms)", at: tagStart)
                }
            }
            pieces.append(.tag(Tag(kind: kind, name: name, line: line, column: column, start: tagStart, end: end + closer.count)))
            i = end + closer.count
            textStart = i
        }
        if textStart < n { pieces.append(.text(start: textStart, end: n)) }
        return pieces
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i + 1] == needle[1] && (needle.count == 2 || bytes[i + 2] == needle[2]) { return i }
            i += 1
        }
        return nil
    }

    /// Marks tags that stand alone on their line; their line's whitespace and newline are dropped.
    private func markStandalone(_ pieces: inout [Piece]) {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        for k in pieces.indices {
            guard case .tag(var tag) = pieces[k] else { continue }
            switch tag.kind {
            case .variable, .unescaped: continue
            default: break
            }
            // Before: the line's start, then only blanks.
            var lineStart = tag.start
            while lineStart > 0 && isBlank(bytes[lineStart - 1]) { lineStart -= 1 }
            guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { continue }
            // After: only blanks, then the line's end.
            var after = tag.end
            while after < bytes.count && (isBlank(bytes[after]) || bytes[after] == 0x0D) { after += 1 }
            guard after == bytes.count || bytes[after] == 0x0A else { continue }
            tag.standalone = true
            tag.indentation = String(decoding: bytes[lineStart..<tag.start], as: UTF8.self)
            pieces[k] = .tag(tag)
        }
        // Cut the standalone lines out of the neighbouring text.
        for k in pieces.indices {
            guard case .text(var start, var end) = pieces[k] else { continue }
            if k > 0, case .tag(let before) = pieces[k - 1], before.standalone {
                while start < end && bytes[start] != 0x0A { start += 1 }
                if start < end { start += 1 }
            }
            if k + 1 < pieces.count, case .tag(let next) = pieces[k + 1], next.standalone {
                while end > start && isBlank(bytes[end - 1]) { end -= 1 }
            }
            pieces[k] = .text(start: start, end: end)
        }
    }

    private func nest(_ pieces: [Piece], _ index: inout Int, closing open: Tag?,
                      references: inout [(name: String, line: Int, column: Int)]) throws(TemplateSyntaxError) -> [Template.Node] {
        var nodes: [Template.Node] = []
        while index < pieces.count {
            let piece = pieces[index]
            index += 1
            switch piece {
            case .text(let start, let end):
                if start < end { nodes.append(.text(String(decoding: bytes[start..<end], as: UTF8.self))) }
            case .tag(let tag):
                switch tag.kind {
                case .comment, .pragma: continue
                case .variable, .unescaped:
                    nodes.append(.variable(Self.path(tag.name), escaped: tag.kind == .variable))
                case .section, .inverted:
                    let body = try nest(pieces, &index, closing: tag, references: &references)
                    nodes.append(.section(Self.path(tag.name), inverted: tag.kind == .inverted, body: body))
                case .block:
                    nodes.append(.block(tag.name, body: try nest(pieces, &index, closing: tag, references: &references)))
                case .partial:
                    references.append((tag.name, tag.line, tag.column))
                    nodes.append(.partial(tag.name, indentation: tag.standalone ? tag.indentation : ""))
                case .parent:
                    references.append((tag.name, tag.line, tag.column))
                    let body = try nest(pieces, &index, closing: tag, references: &references)
                    var blocks: [String: [Template.Node]] = [:]
                    for node in body {
                        switch node {
                        case .block(let name, let blockBody): blocks[name] = blockBody
                        case .text: continue  // whitespace and text between blocks are ignored
                        default:
                            throw error("only `{{$block}}…{{/block}}` sections can be placed directly inside `{{<\(tag.name)}}`", at: tag.start)
                        }
                    }
                    nodes.append(.parent(tag.name, blocks: blocks, indentation: tag.standalone ? tag.indentation : ""))
                case .close:
                    guard let open else {
                        throw error("`{{/\(tag.name)}}` closes a section that was never opened", at: tag.start)
                    }
                    guard open.name == tag.name else {
                        throw error("a section is closed with a different name than it was opened with (`{{/\(tag.name)}}` closes `\(open.name)`, opened on line \(open.line))", at: tag.start)
                    }
                    return nodes
                }
            }
        }
        if let open {
            throw error("the section `\(open.name)` opened here is never closed", at: open.start)
        }
        return nodes
    }

    static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return String(s)
    }
}

/// Turns template text into nodes in four passes, each linear in the text: split into text and
/// tags (counting lines as it goes), match openings with closings, apply the standalone-line
/// rule, then nest (at most ``Template/maximumNesting`` deep, so recursion stays shallow).
struct TemplateParser {
    enum TagKind: Equatable {
        case variable, unescaped, section, inverted, close, comment, partial, parent, block, pragma
        var opens: Bool { self == .section || self == .inverted || self == .parent || self == .block }
    }

    struct Tag {
        var kind: TagKind
        var name: String
        var line: Int
        var column: Int
        /// Byte offsets of the tag in the source.
        var start: Int
        var end: Int
        /// Index in `pieces` of the matching closing tag (for openings) or opening tag (for closings).
        var partner = -1
        /// Standalone: the whitespace before it on its line (kept as a partial's indentation).
        var standalone = false
        var indentation = ""
        /// A standalone `{{$block}}{{/block}}` on one line keeps its line break: it stands for content.
        var keepsLineBreak = false
    }

    enum Piece {
        case text(start: Int, end: Int)
        case tag(Tag)
    }

    typealias References = [(name: String, line: Int, column: Int)]

    let bytes: [UInt8]
    private var pieces: [Piece] = []
    private var references: References = []

    init(_ source: String) { bytes = Array(source.utf8) }

    mutating func parse() throws(TemplateSyntaxError) -> ([Template.Node], References) {
        try scan()
        try match()
        markStandalone()
        var index = 0
        let nodes = try nest(&index, dedent: 0)
        return (nodes, references)
    }

    // MARK: Positions and errors

    /// Line and column of a byte offset, counted from the last offset asked for (offsets only grow
    /// while scanning, so counting stays linear).
    private struct PositionCounter {
        var offset = 0, line = 1, column = 1
        mutating func advance(to target: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
            while offset < target {
                if bytes[offset] == 0x0A { line += 1; column = 1 } else if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                offset += 1
            }
            return (line, column)
        }
    }

    private func error(_ message: String, at offset: Int, hint: String) -> TemplateSyntaxError {
        var counter = PositionCounter()
        let (line, column) = counter.advance(to: offset, in: bytes)
        return TemplateSyntaxError(message: message, line: line, column: column, hint: hint)
    }

    private func tag(_ index: Int) -> Tag {
        guard case .tag(let tag) = pieces[index] else { preconditionFailure("piece \(index) is not a tag") }
        return tag
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    // MARK: Pass 1: text and tags

    private mutating func scan() throws(TemplateSyntaxError) {
        var counter = PositionCounter()
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
            case 0x3D:
                throw error("changing the tag delimiters (`{{=`) is not supported", at: tagStart,
                            hint: "templates always use `{{` and `}}`; remove the `{{=…=}}` tag.")
            default: break
            }
            let end: Int
            if kind == .comment {
                end = try commentEnd(from: j, opening: tagStart)
            } else if let found = find(closer, from: j) {
                end = found
            } else {
                let missing = String(decoding: closer, as: UTF8.self)
                throw error("a tag is not finished (missing `\(missing)`)", at: tagStart, hint: "end the tag with `\(missing)`.")
            }
            let name = String(decoding: bytes[j..<end], as: UTF8.self).trimmingSpaces()
            let (line, column) = counter.advance(to: tagStart, in: bytes)
            if kind != .comment && kind != .pragma {
                if name.isEmpty {
                    throw error("a tag has no name", at: tagStart, hint: "write a name between the braces, such as `{{title}}`, or remove the tag.")
                }
                if name.hasPrefix("*") {
                    throw error("dynamic partials (`{{>*name}}`) are not supported", at: tagStart,
                                hint: "name the template directly, such as `{{> card}}`.")
                }
                if name.contains(where: { $0 == " " || $0 == "(" || $0 == "{" || $0 == "}" }) {
                    throw error("the name `\(name)` in a tag is not valid (no spaces, brackets or transforms)", at: tagStart,
                                hint: "write one plain name, such as `{{page.title}}`; views compute values before rendering.")
                }
            }
            pieces.append(.tag(Tag(kind: kind, name: name, line: line, column: column, start: tagStart, end: end + closer.count)))
            i = end + closer.count
            textStart = i
        }
        if textStart < n { pieces.append(.text(start: textStart, end: n)) }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i + 1] == needle[1] && (needle.count == 2 || bytes[i + 2] == needle[2]) { return i }
            i += 1
        }
        return nil
    }

    /// Where a comment's `}}` is. A `{{` before it means the comment was left open: without this
    /// check it would silently swallow the template up to the next tag's `}}`.
    private func commentEnd(from start: Int, opening: Int) throws(TemplateSyntaxError) -> Int {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == 0x7D && bytes[i + 1] == 0x7D { return i }
            if bytes[i] == 0x7B && bytes[i + 1] == 0x7B {
                var counter = PositionCounter()
                let next = counter.advance(to: i, in: bytes)
                throw error("the comment opened here is not closed before the next `{{` (line \(next.line), column \(next.column))",
                            at: opening, hint: "end the comment with `}}`; a comment cannot contain `{{`.")
            }
            i += 1
        }
        throw error("the comment opened here is never closed", at: opening, hint: "end the comment with `}}`.")
    }

    // MARK: Pass 2: openings and closings

    private mutating func match() throws(TemplateSyntaxError) {
        var open: [Int] = []
        for k in pieces.indices {
            guard case .tag(var closing) = pieces[k] else { continue }
            if closing.kind.opens {
                if open.count == Template.maximumNesting {
                    throw error("sections are nested more than \(Template.maximumNesting) deep here", at: closing.start,
                                hint: "sections, inverted sections, parents and blocks may nest at most \(Template.maximumNesting) deep; move inner parts into partials.")
                }
                open.append(k)
                continue
            }
            guard closing.kind == .close else { continue }
            guard let o = open.popLast() else {
                throw error("`{{/\(closing.name)}}` closes a section that was never opened", at: closing.start,
                            hint: "remove it, or open the section before it with `{{#\(closing.name)}}`.")
            }
            var opening = tag(o)
            guard opening.name == closing.name else {
                throw error("a section is closed with a different name than it was opened with (`{{/\(closing.name)}}` closes `\(opening.name)`, opened on line \(opening.line))",
                            at: closing.start, hint: "close the innermost open section first, with `{{/\(opening.name)}}`.")
            }
            opening.partner = k
            closing.partner = o
            pieces[o] = .tag(opening)
            pieces[k] = .tag(closing)
        }
        if let o = open.last {
            let opening = tag(o)
            throw error("the section `\(opening.name)` opened here is never closed", at: opening.start,
                        hint: "add `{{/\(opening.name)}}` where the section ends.")
        }
    }

    // MARK: Pass 3: standalone lines

    /// Marks tags that stand alone on their line; their line's whitespace and line break are dropped.
    /// Several tags touching each other stand alone together only when they are a parent's and its
    /// blocks' tags (`{{<parent}}{{$block}}`, `{{$block}}{{/block}}`, `{{/block}}{{/parent}}`).
    private mutating func markStandalone() {
        var k = 0
        while k < pieces.count {
            guard case .tag(let first) = pieces[k] else { k += 1; continue }
            var last = k
            while last + 1 < pieces.count, case .tag(let next) = pieces[last + 1], next.start == tag(last).end { last += 1 }
            defer { k = last + 1 }
            guard canStandAlone(k...last) else { continue }
            var lineStart = first.start
            while lineStart > 0 && Self.isBlank(bytes[lineStart - 1]) { lineStart -= 1 }
            guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { continue }
            var after = tag(last).end
            while after < bytes.count && (Self.isBlank(bytes[after]) || bytes[after] == 0x0D) { after += 1 }
            guard after == bytes.count || bytes[after] == 0x0A else { continue }
            for index in k...last {
                var standalone = tag(index)
                standalone.standalone = true
                if index == k { standalone.indentation = String(decoding: bytes[lineStart..<first.start], as: UTF8.self) }
                if index == last { standalone.keepsLineBreak = last == k + 1 && first.kind == .block && first.partner == last }
                pieces[index] = .tag(standalone)
            }
        }
        // Cut the standalone lines out of the neighbouring text.
        for k in pieces.indices {
            guard case .text(var start, var end) = pieces[k] else { continue }
            if k > 0, case .tag(let before) = pieces[k - 1], before.standalone {
                if before.keepsLineBreak {
                    while start < end && Self.isBlank(bytes[start]) { start += 1 }
                } else {
                    while start < end && bytes[start] != 0x0A { start += 1 }
                    if start < end { start += 1 }
                }
            }
            if k + 1 < pieces.count, case .tag(let next) = pieces[k + 1], next.standalone {
                while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 }
            }
            pieces[k] = .text(start: start, end: end)
        }
    }

    private func canStandAlone(_ run: ClosedRange<Int>) -> Bool {
        if run.count == 1 {
            let kind = tag(run.lowerBound).kind
            return kind != .variable && kind != .unescaped
        }
        return run.allSatisfy { index in
            let tag = tag(index)
            let kind = tag.kind == .close ? self.tag(tag.partner).kind : tag.kind
            return kind == .parent || kind == .block
        }
    }

    // MARK: Pass 4: nodes

    /// Nodes up to the closing tag of the section being read. `dedent` is how many bytes of
    /// indentation each line loses: the common indentation of the standalone block being read.
    private mutating func nest(_ index: inout Int, dedent: Int) throws(TemplateSyntaxError) -> [Template.Node] {
        var nodes: [Template.Node] = []
        while index < pieces.count {
            let piece = pieces[index]
            index += 1
            switch piece {
            case .text(let start, let end):
                if let node = text(start, end, dedent: dedent) { nodes.append(node) }
            case .tag(let tag):
                let position = Template.Position(line: tag.line, column: tag.column)
                let indentation = tag.standalone ? String(tag.indentation.dropFirst(dedent)) : ""
                switch tag.kind {
                case .comment, .pragma: continue
                case .variable, .unescaped:
                    nodes.append(.variable(Template.Name(parts: Self.path(tag.name), position: position), escaped: tag.kind == .variable))
                case .section, .inverted:
                    let body = try nest(&index, dedent: dedent)
                    nodes.append(.section(Template.Name(parts: Self.path(tag.name), position: position), inverted: tag.kind == .inverted, body: body))
                case .block:
                    guard tag.standalone else {
                        nodes.append(.block(tag.name, body: try nest(&index, dedent: dedent), indentation: nil))
                        continue
                    }
                    // Indentation is removed where a block is written and added where it is placed:
                    // its content's own indentation, or else the tag's.
                    let common = commonIndentation(inside: tag)
                    let own = String(decoding: common.dropFirst(dedent), as: UTF8.self)
                    let body = try nest(&index, dedent: max(dedent, common.count))
                    nodes.append(.block(tag.name, body: body, indentation: own.isEmpty ? indentation : own))
                case .partial:
                    references.append((tag.name, tag.line, tag.column))
                    nodes.append(.partial(tag.name, indentation: indentation, at: position))
                case .parent:
                    references.append((tag.name, tag.line, tag.column))
                    let body = try nest(&index, dedent: dedent)
                    var blocks: [String: [Template.Node]] = [:]
                    for node in body {
                        switch node {
                        case .block(let name, let blockBody, _): blocks[name] = blockBody
                        case .text: continue  // whitespace and text between blocks are ignored
                        default:
                            throw error("only `{{$block}}…{{/block}}` sections can be placed directly inside `{{<\(tag.name)}}`", at: tag.start,
                                        hint: "put this inside a `{{$block}}` that `\(tag.name)` defines, or into `\(tag.name)` itself.")
                        }
                    }
                    nodes.append(.parent(tag.name, blocks: blocks, indentation: indentation, at: position))
                case .close:
                    return nodes
                }
            }
        }
        return nodes
    }

    /// A text node, without `dedent` bytes of blanks at the start of each of its lines.
    private func text(_ start: Int, _ end: Int, dedent: Int) -> Template.Node? {
        guard start < end else { return nil }
        var text: String
        if dedent == 0 {
            text = String(decoding: bytes[start..<end], as: UTF8.self)
        } else {
            var kept: [UInt8] = []
            kept.reserveCapacity(end - start)
            var i = start
            var atLineStart = start == 0 || bytes[start - 1] == 0x0A
            while i < end {
                if atLineStart {
                    var skipped = 0
                    while skipped < dedent && i < end && Self.isBlank(bytes[i]) { i += 1; skipped += 1 }
                    atLineStart = false
                    continue
                }
                kept.append(bytes[i])
                atLineStart = bytes[i] == 0x0A
                i += 1
            }
            guard !kept.isEmpty else { return nil }
            text = String(decoding: kept, as: UTF8.self)
        }
        let lines = text.utf8.contains(0x0A)
            ? text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            : []
        return .text(text, lines: lines)
    }

    /// The indentation all non-blank lines inside a standalone block share, from the line after its
    /// opening tag to its closing tag.
    private func commonIndentation(inside opening: Tag) -> ArraySlice<UInt8> {
        let closing = tag(opening.partner)
        var start = opening.end
        while start < closing.start && bytes[start] != 0x0A { start += 1 }
        start += 1
        var end = closing.start
        if closing.standalone { while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 } }
        var common: ArraySlice<UInt8>?
        var i = start
        while i < end {
            var j = i
            while j < end && Self.isBlank(bytes[j]) { j += 1 }
            if j < end && bytes[j] != 0x0A && bytes[j] != 0x0D {
                let leading = bytes[i..<j]
                if let shared = common {
                    common = shared.prefix(zip(shared, leading).prefix { $0 == $1 }.count)
                } else {
                    common = leading
                }
            }
            while j < end && bytes[j] != 0x0A { j += 1 }
            i = j + 1
        }
        return common ?? []
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

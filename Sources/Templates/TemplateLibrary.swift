/// Named templates that can include each other (`{{> partial}}`) and extend each other
/// (`{{<parent}}`), rendered into one growing string.
public struct TemplateLibrary: Sendable {
    /// How deep partials and parents may nest while rendering; deeper is reported as
    /// ``TemplateError/Kind/tooDeep`` and rendered as nothing, instead of overflowing the stack.
    /// (Recursion is refused earlier by ``cycles()``; this guards libraries that skip that check.)
    public static let maximumDepth = 64

    /// The most nodes one rendering may visit, and the most output it may make, before it stops
    /// with ``TemplateError/Kind/tooLarge``. The depth limit alone does not bound the work: a block
    /// that includes a partial which extends the parent again renders it twice per level, 2⁶⁴
    /// times at the depth limit (found by fuzzing). A site's largest pages (a class pack, a ward's
    /// list) take at most 3 400 steps and 175 KB on the 10 000-page benchmark: 60 and 45 times
    /// less. The limits also keep a fuzzed rendering within libFuzzer's 10 s under AddressSanitizer.
    public static let maximumSteps = 200_000
    public static let maximumOutputBytes = 8 << 20

    var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) { templates[name] = template }

    /// Renders `name` with `context` as the root object; `nil` if there is no such template.
    /// Names found nowhere render as nothing, as do partials and parents that do not exist (check
    /// `references` beforehand) — the specification's behaviour.
    public func render(_ name: String, _ context: any TemplateValue) -> String? {
        render(name, context, strict: false)?.output
    }

    /// Renders `name` with `context` as the root object, with the problems found on the way;
    /// `nil` if there is no such template. Safe to call from many threads at once.
    ///
    /// In strict mode, a `{{name}}`, `{{#name}}` or `{{^name}}` whose name is found nowhere in the
    /// context stack is an error (``TemplateError/Kind/unknownName``), as is a later part of a
    /// dotted name missing from a value that is there (`{{page.titel}}`; a value that is absent or
    /// `false` has no parts to check). So is a partial or parent that is not registered. Each tag is
    /// reported once per rendering, however often it is rendered; the output is the same as
    /// without strict mode. Names that are found cost nothing extra.
    public func render(_ name: String, _ context: any TemplateValue, strict: Bool) -> TemplateRendering? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, template: name, context: context, strict: strict)
        renderer.render(template.nodes)
        return TemplateRendering(output: renderer.out, errors: renderer.errors)
    }

    /// Templates that include or inherit from themselves, directly or through others: rendering
    /// them would never end. One error per cycle, at the `{{> name}}` or `{{< name}}` tag that
    /// closes it, naming the chain (`card → footer → card`); in a stable order. References to
    /// templates that are not registered are ignored here.
    public func cycles() -> [TemplateError] {
        enum State { case visiting, done }
        var state: [String: State] = [:]
        var path: [String] = []
        var found: [TemplateError] = []
        func visit(_ name: String) {
            state[name] = .visiting
            path.append(name)
            for reference in templates[name]!.references where templates[reference.name] != nil {
                switch state[reference.name] {
                case .done: continue
                case .visiting:
                    let chain = path[path.lastIndex(of: reference.name)!...] + [reference.name]
                    let shown = chain.joined(separator: " → ")
                    found.append(TemplateError(
                        .cycle(chain: Array(chain)), template: name, line: reference.line, column: reference.column,
                        message: chain.count == 2
                            ? "the template `\(name)` uses itself (\(shown)), so rendering it would never end"
                            : "templates use each other in a circle (\(shown)), so rendering them would never end",
                        hint: "remove this `\(reference.name)` tag, or move the part both need into a partial of its own."))
                case nil:
                    visit(reference.name)
                }
            }
            path.removeLast()
            state[name] = .done
        }
        for name in templates.keys.sorted() where state[name] == nil { visit(name) }
        return found
    }
}

/// What rendering a template produced: the text, and the problems found (empty when all is well).
public struct TemplateRendering: Sendable {
    public var output: String
    public var errors: [TemplateError]
}

/// HTML escaping of `<`, `>`, `&`, `"` and `'`, on UTF-8 bytes; text with none is appended as is.
public enum HTML {
    public static func appendEscaped(_ text: String, to out: inout String) {
        var text = text
        let needsEscaping = text.withUTF8 { bytes in
            bytes.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        }
        guard needsEscaping else {
            out += text
            return
        }
        let utf8 = text.utf8
        let first = utf8.firstIndex { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }!
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        bytes.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            switch byte {
            case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])             // &lt;
            case 0x3E: bytes.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])             // &gt;
            case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])       // &amp;
            case 0x22: bytes.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
            case 0x27: bytes.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])       // &#39;
            default: bytes.append(byte)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        appendEscaped(text, to: &out)
        return out
    }
}

/// Named templates that can include each other (`{{> partial}}`) and extend each other
/// (`{{<parent}}`), rendered into one growing string.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) { templates[name] = template }
    public func template(named name: String) -> Template? { templates[name] }
    public var names: some Collection<String> { templates.keys }

    /// Renders `name` with `context` as the root object; `nil` if there is no such template.
    /// Partials and parents that do not exist render as nothing (check `references` beforehand).
    public func render(_ name: String, _ context: any TemplateValue) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        renderer.out.reserveCapacity(32 * 1024)
        var stack: [any TemplateValue] = [context]
        renderer.render(template.nodes, &stack, blocks: [:])
        return renderer.out
    }

    struct Renderer {
        let library: TemplateLibrary
        var out = ""

        mutating func render(_ nodes: [Template.Node], _ stack: inout [any TemplateValue], blocks: [String: [Template.Node]]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    out += text
                case .variable(let path, let escaped):
                    guard let value = lookup(path, stack) else { continue }
                    if escaped { HTML.appendEscaped(value.text, to: &out) } else { out += value.text }
                case .section(let path, let inverted, let body):
                    let value = lookup(path, stack)
                    let section = value?.section ?? .condition(false)
                    if inverted {
                        let shown: Bool
                        switch section {
                        case .push: shown = false
                        case .condition(let flag): shown = !flag
                        case .list(let items): shown = items.isEmpty
                        }
                        if shown { render(body, &stack, blocks: blocks) }
                        continue
                    }
                    switch section {
                    case .condition(let flag):
                        if flag { render(body, &stack, blocks: blocks) }
                    case .push:
                        stack.append(value!)
                        render(body, &stack, blocks: blocks)
                        stack.removeLast()
                    case .list(let items):
                        for item in items {
                            stack.append(item)
                            render(body, &stack, blocks: blocks)
                            stack.removeLast()
                        }
                    }
                case .partial(let name, let indentation):
                    guard let partial = library.templates[name] else { continue }
                    renderIndented(indentation) { $0.render(partial.nodes, &stack, blocks: blocks) }
                case .parent(let name, let overrides, let indentation):
                    guard let parent = library.templates[name] else { continue }
                    // Blocks given further out win over this template's own (the specification's rule).
                    let merged = blocks.merging(overrides) { outer, _ in outer }
                    renderIndented(indentation) { $0.render(parent.nodes, &stack, blocks: merged) }
                case .block(let name, let body):
                    render(blocks[name] ?? body, &stack, blocks: blocks)
                }
            }
        }

        /// A standalone partial indented on its line: every line it renders gets the same indentation.
        private mutating func renderIndented(_ indentation: String, _ body: (inout Renderer) -> Void) {
            guard !indentation.isEmpty else { body(&self); return }
            var inner = Renderer(library: library)
            body(&inner)
            var first = true
            for line in inner.out.split(separator: "\n", omittingEmptySubsequences: false) {
                if !first { out += "\n" }
                if !line.isEmpty { out += indentation }
                out += line
                first = false
            }
        }

        private func lookup(_ path: [String], _ stack: [any TemplateValue]) -> (any TemplateValue)? {
            guard let first = path.first else { return stack.last }
            var found: (any TemplateValue)?
            for object in stack.reversed() {
                if let value = object.child(named: first) { found = value; break }
            }
            for name in path.dropFirst() {
                guard let value = found?.child(named: name) else { return nil }
                found = value
            }
            return found
        }
    }
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

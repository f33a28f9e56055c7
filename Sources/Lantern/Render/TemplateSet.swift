import Foundation
import Mustache

/// The Mustache templates of a site: `templates/*.mustache` and `templates/partials/*.mustache`,
/// registered by file name without extension. Parse errors and references to templates that do not
/// exist are reported with the template's file, line and column.
public struct TemplateSet: Sendable {
    public private(set) var library = MustacheLibrary()
    public private(set) var names: Set<String> = []
    var paths: [String: String] = [:]

    static func load(fs: FileSystem, diagnostics: Diagnostics) -> TemplateSet {
        var set = TemplateSet()
        let files = fs.files(under: "templates").filter { $0.hasSuffix(".mustache") }
        var sources: [String: String] = [:]
        for file in files {
            let path = "templates/\(file)"
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            if let other = set.paths[name] {
                diagnostics.error(.file(path), "two templates are named `\(name)`: \(other) and \(path)",
                                  hint: "rename one of them; templates are found by file name.")
                continue
            }
            guard let data = try? fs.read(path), let text = TextDecoding.utf8(data, path: path, diagnostics: diagnostics) else { continue }
            set.paths[name] = path
            sources[name] = text
            do {
                try set.library.register(text, named: name)
                set.names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber),
                                  "the template cannot be read: \(describe(error.error))",
                                  hint: "check that every `{{#section}}` and `{{$block}}` has a matching `{{/…}}` with the same name.")
            } catch {
                diagnostics.error(.file(path), "the template cannot be read: \(error)")
            }
        }
        // Partials (`{{> name}}`) and parents (`{{< name}}`) must exist: swift-mustache renders a
        // missing one as nothing, which would silently drop part of every page.
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in references(in: text) where !set.paths.keys.contains(reference.name) {
                diagnostics.error(SourceLocation(path: set.paths[name]!, line: reference.line, column: reference.column),
                                  "the template `\(reference.name)` used here does not exist",
                                  hint: "create templates/partials/\(reference.name).mustache, or fix the name.")
            }
        }
        return set
    }

    /// Requires a template; reports it missing (once per build) naming the page that needs it.
    func require(_ name: String, for page: SourceLocation, diagnostics: Diagnostics) -> Bool {
        if names.contains(name) { return true }
        if paths[name] == nil {
            diagnostics.error(page, "the template `\(name)` needed for this page does not exist",
                              hint: "create templates/\(name).mustache (see the default theme for an example).")
        }
        return false
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished (missing `}}`)"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.textInsideInheritSection: return "text appears directly inside a `{{<parent}}` tag; put it inside a `{{$block}}`"
        default: return "\(error)"
        }
    }

    struct Reference { var name: String; var line: Int; var column: Int }

    static func references(in text: String) -> [Reference] {
        var out: [Reference] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let marker = after.first, marker == ">" || marker == "<" else { rest = after; continue }
                guard let close = after.range(of: "}}") else { break }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { out.append(Reference(name: name, line: lineIndex + 1, column: column)) }
                rest = after[close.upperBound...]
            }
        }
        return out
    }
}

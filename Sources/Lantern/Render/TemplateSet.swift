import Foundation
import Templates

/// The Mustache templates of a site: `templates/*.mustache` and `templates/partials/*.mustache`,
/// registered by file name without extension. Parse errors and references to templates that do not
/// exist are reported with the template's file, line and column.
public struct TemplateSet: Sendable {
    public private(set) var library = TemplateLibrary()
    public private(set) var names: Set<String> = []
    var paths: [String: String] = [:]
    /// Each template's text by its file path (to point at a line of it from `lantern check`).
    public private(set) var sources: [String: String] = [:]

    static func load(fs: FileSystem, diagnostics: Diagnostics) -> TemplateSet {
        var set = TemplateSet()
        let files = fs.files(under: "templates").filter { $0.hasSuffix(".mustache") }
        var references: [String: [Reference]] = [:]
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
            set.sources[path] = text
            do {
                let template = try Template(text)
                set.library.register(template, named: name)
                set.names.insert(name)
                references[name] = template.references.map { Reference(name: $0.name, line: $0.line, column: $0.column) }
            } catch {
                diagnostics.error(SourceLocation(path: path, line: error.line, column: error.column),
                                  "the template cannot be read: \(error.message)", hint: error.hint)
            }
        }
        // Partials (`{{> name}}`) and parents (`{{< name}}`) must exist: the renderer renders a
        // missing one as nothing, which would silently drop part of every page.
        for (name, used) in references.sorted(by: { $0.key < $1.key }) {
            for reference in used where !set.paths.keys.contains(reference.name) {
                diagnostics.error(SourceLocation(path: set.paths[name]!, line: reference.line, column: reference.column),
                                  "the template `\(reference.name)` used here does not exist",
                                  hint: "create templates/partials/\(reference.name).mustache, or fix the name.")
            }
        }
        // A template that uses itself, directly or through others, would never finish rendering.
        for cycle in set.library.cycles() {
            diagnostics.error(SourceLocation(path: set.paths[cycle.template]!, line: cycle.line, column: cycle.column),
                              cycle.message, hint: cycle.hint)
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

    /// Renders strictly: a name the view does not have (a renamed or misspelt field) is an error at
    /// the template's line and column, reported once per tag however many pages hit it.
    func render(_ name: String, _ context: any TemplateValue, diagnostics: Diagnostics) -> String {
        guard let rendering = library.render(name, context, strict: true) else { return "" }
        if !rendering.errors.isEmpty { report(rendering.errors, diagnostics) }
        return rendering.output
    }

    private func report(_ errors: [TemplateError], _ diagnostics: Diagnostics) {
        // A missing partial or parent was reported at load, with the tag that names it.
        for error in errors where error.kind != .missingTemplate && reported.insert(error) {
            diagnostics.error(SourceLocation(path: paths[error.template] ?? "templates/\(error.template).mustache",
                                             line: error.line, column: error.column),
                              error.message, hint: error.hint)
        }
    }

    /// Template errors already reported (shared by the copies of this set; thread-safe).
    private let reported = ReportedErrors()

    final class ReportedErrors: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: Set<TemplateError> = []
        func insert(_ error: TemplateError) -> Bool { lock.withLock { seen.insert(error).inserted } }
    }

    struct Reference { var name: String; var line: Int; var column: Int }
}

import Foundation

/// The files a build produces, by path relative to the output folder, with the source that
/// claimed each path (two sources claiming one URL is an error naming both).
public struct OutputTree: Sendable {
    public private(set) var files: [String: Data] = [:]
    private var owners: [String: SourceLocation] = [:]

    public init() {}

    /// `/huong-dan/x/` → `huong-dan/x/index.html`; `/a.xml` stays `a.xml`.
    static func filePath(forURL url: String) -> String {
        var path = url.hasPrefix("/") ? String(url.dropFirst()) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    mutating func add(_ path: String, _ data: Data, owner: SourceLocation, diagnostics: Diagnostics) {
        if let existing = owners[path] {
            if existing != owner {
                let url = "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
                diagnostics.error(owner, "the URL \(url) is claimed twice: by \(existing.path) and by \(owner.path)",
                                  hint: "give one of them a different `slug:` (or file name) so each page has its own address.")
            }
            return
        }
        owners[path] = owner
        files[path] = data
    }

    mutating func add(_ path: String, _ text: String, owner: SourceLocation, diagnostics: Diagnostics) {
        add(path, Data(text.utf8), owner: owner, diagnostics: diagnostics)
    }

    func owner(of path: String) -> SourceLocation? { owners[path] }
    mutating func replace(_ path: String, _ data: Data) { files[path] = data }
}

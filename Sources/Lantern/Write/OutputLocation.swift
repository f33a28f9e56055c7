import Foundation

/// Decides whether a folder may be used as a build's output, before anything is written.
///
/// A build replaces its output folder whole, so the folder must never be the site's sources, hold
/// them, or sit inside `content/` or `templates/`; and a folder that Lantern did not make is never
/// deleted: Lantern marks its output with a small file (`markerName`) and refuses to replace a
/// non-empty folder without it unless asked to (`force`).
public enum OutputLocation {
    /// Written at the root of every built output; its presence says "Lantern made this folder".
    public static let markerName = ".lantern-output"
    static let markerText = "This folder is made by `lantern build` and replaced whole by each build. Do not keep files here.\n"

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var hint: String
        public var description: String { "\(message)\n  hint: \(hint)" }
    }

    /// Throws a `Refusal` when `output` may not be replaced by a build of the site in `source`.
    public static func check(output: URL, source: URL, force: Bool = false) throws {
        let out = resolved(output)
        let src = resolved(source)
        let shownOut = output.path
        if out == src || isInside(src, out) {
            throw Refusal(message: "the output folder \(shownOut) \(out == src ? "is" : "contains") the site folder \(source.path); building there would replace the sources with the built site",
                          hint: "build into a folder of its own, e.g. --output public (the default).")
        }
        for input in ["content", "templates"] {
            let folder = resolved(src.appendingPathComponent(input))
            if out == folder || isInside(out, folder) {
                throw Refusal(message: "the output folder \(shownOut) \(out == folder ? "is" : "is inside") the site's \(input)/ folder; building there would overwrite the sources",
                              hint: "build into a folder outside content/ and templates/, e.g. --output public (the default).")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Refusal(message: "the output \(shownOut) is a file, not a folder",
                          hint: "choose a folder with --output (it is created if missing); the file was left as it is.")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        if entries.isEmpty || entries.contains(markerName) || force { return }
        throw Refusal(message: "the output folder \(shownOut) already holds files that Lantern did not make (\(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")); a build replaces the whole folder",
                      hint: "choose another --output folder, or move those files away; pass --force only if everything in \(shownOut) may be deleted.")
    }

    /// `url` with symlinks resolved, for its deepest existing part (the rest appended as written).
    static func resolved(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var result = URL(fileURLWithPath: realpathOrSelf(existing.path))
        for part in rest { result.appendPathComponent(part) }
        return result.standardizedFileURL
    }

    private static func realpathOrSelf(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `inner` lies strictly inside `outer`.
    static func isInside(_ inner: URL, _ outer: URL) -> Bool {
        let a = inner.pathComponents, b = outer.pathComponents
        return a.count > b.count && Array(a.prefix(b.count)) == b
    }
}

import Foundation

/// Reading source files and reporting, in plain words, why one could not be read. Markdown and
/// YAML files have a size limit, so one huge file cannot exhaust memory or time.
enum SourceFiles {
    /// The largest Markdown or YAML file Lantern reads (documented in docs/content-format.md).
    static let maxTextBytes = 2 * 1024 * 1024

    /// The bytes of a text source file, or nil with the problem reported at the file.
    static func read(_ path: String, fs: FileSystem, diagnostics: Diagnostics?) -> Data? {
        do {
            return try fs.read(path, limit: maxTextBytes)
        } catch {
            diagnostics?.report(diagnostic(path, error as? FileProblem ?? .unreadable(reason: "\(error)")))
            return nil
        }
    }

    /// What to tell the author about a file or folder that was not read.
    static func diagnostic(_ path: String, _ problem: FileProblem) -> Diagnostic {
        let at = SourceLocation.file(path)
        switch problem {
        case .missing:
            return Diagnostic(.error, at, "the file does not exist", hint: "check that the file exists, or remove what refers to it.")
        case .outsideSite:
            return Diagnostic(.error, at, "this is a link to a file outside the site folder; Lantern does not follow it",
                              hint: "copy the file into the site folder instead of linking to it.")
        case .brokenLink:
            return Diagnostic(.error, at, "this link leads to nothing (its target does not exist)",
                              hint: "remove the link, or point it at a file inside the site folder.")
        case .linkLoop:
            return Diagnostic(.error, at, "this folder link leads back to a folder it is inside of (a loop)",
                              hint: "remove the link; a folder cannot contain itself.")
        case .notRegularFile(let kind):
            return Diagnostic(.error, at, "this is a \(kind), not a regular file; Lantern reads only regular files",
                              hint: "remove it from the site folder.")
        case .unreadable(let reason):
            return Diagnostic(.error, at, "this cannot be read (\(reason)), so its content would be missing from the site",
                              hint: "check its permissions, e.g. `chmod -R u+rwX` on the folder, then build again.")
        case .tooLarge(let bytes, let limit):
            return Diagnostic(.error, at, "the file is \(megabytes(bytes)); Lantern reads Markdown and YAML files of at most \(megabytes(limit))",
                              hint: "split it into smaller files; a page this long is too heavy for readers on a phone anyway.")
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb == mb.rounded() ? "\(Int(mb)) MB" : String(format: "%.1f MB", mb)
    }

    /// Reports what a folder listing left out, with paths under `folder`.
    static func report(_ listing: FileListing, in folder: String, diagnostics: Diagnostics) {
        for item in listing.problems {
            diagnostics.report(diagnostic(item.path.isEmpty ? folder : "\(folder)/\(item.path)", item.problem))
        }
    }
}
